import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/audit-event.js";
import type { Bundle } from "../../src/domain/bundle.js";
import type { Task, TaskEvent } from "../../src/domain/task.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

describe("HTTP: the task lifecycle with proof gates, follow-ups and bundle rules", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(() => h.close());

  async function bundleOf(workflowId: string, anchorDate = "2026-03-20") {
    const res = await h.call("POST", "/api/bundles", { body: { workflowId, title: `${workflowId} run`, anchorDate } });
    expect(res.status).toBe(201);
    return res.body as { bundle: Bundle; tasks: Task[] };
  }
  const taskOf = (b: { tasks: Task[] }, ref: string): Task => {
    const task = b.tasks.find((t) => t.templateTaskRef === ref);
    if (!task) throw new Error(`no task ${ref}`);
    return task;
  };
  const act = (task: Task, action: string, body: object = {}, as: "operator" | "admin" = "operator") =>
    h.call("POST", `/api/tasks/${task.taskId}/${action}`, { as, body: { expectedVersion: task.version, ...body } });

  it("refuses completion at each gate, records nothing, then completes once the proof is there", async () => {
    const b = await bundleOf("podcast-episode");
    const record = taskOf(b, "record");
    const missingLink = await act(record, "complete");
    expect(missingLink.status).toBe(422);
    expect(missingLink.body.error).toEqual({
      code: "proof_missing",
      message: "Cannot mark task as done: required link 'Recording link' is missing",
      details: { gate: "required-link", name: "Recording link" },
      requestId: expect.any(String),
    });
    expect(await act(record, "complete", { link: "   " })).toMatchObject({
      status: 422,
      body: { error: { details: { gate: "required-link" } } },
    });
    const unchanged = await h.call("GET", `/api/tasks/${record.taskId}`);
    expect(unchanged.body).toMatchObject({ status: "todo", version: 1 });
    expect(unchanged.body.completedAt).toBeUndefined();
    expect(unchanged.body.completedBy).toBeUndefined();
    expect(unchanged.body.link).toBeUndefined();
    const done = await act(record, "complete", { link: "https://studio.example.com/rec/42" });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: "done",
      link: "https://studio.example.com/rec/42",
      completedBy: h.users.operator.userId,
      completedAt: "2026-03-02T09:00:00.000Z",
      version: 2,
    });

    const publish = taskOf(b, "publish");
    const noLink = await act(publish, "complete", { link: "https://podcasts.example.com/42" });
    expect(noLink.body.error).toMatchObject({
      code: "proof_missing",
      details: { gate: "required-bundle-link", name: "Episode page" },
    });
    const bundle = (await h.call("GET", `/api/bundles/${b.bundle.bundleId}`)).body;
    await h.call("PATCH", `/api/bundles/${b.bundle.bundleId}`, {
      body: {
        expectedVersion: bundle.version,
        links: [
          { name: "Episode page", url: "https://podcasts.example.com/42" },
          { name: "Recording link", url: "https://studio.example.com/rec/42" },
        ],
      },
    });
    expect((await act(publish, "complete", { link: "https://podcasts.example.com/42" })).status).toBe(200);

    const invite = taskOf(b, "invite-guest");
    expect((await act(invite, "complete")).body.error).toMatchObject({
      code: "proof_missing",
      message: "Cannot mark task as done: required comment proof 'Confirmed date and time' is missing",
      details: { gate: "proof", name: "Confirmed date and time" },
    });
    expect((await act(invite, "complete", { comment: "Tue 14:00 UTC" })).status).toBe(200);
    const hosting = taskOf(b, "hosting-status");
    expect((await act(hosting, "complete")).body.error.details).toEqual({
      gate: "proof",
      name: "Hosting platform status",
    });
    expect((await act(hosting, "complete", { externalStatus: "live" })).status).toBe(200);
    const audio = taskOf(b, "edit-audio");
    expect((await act(audio, "complete")).body.error.details).toEqual({ gate: "required-file", name: "file" });
    const transcript = taskOf(b, "transcript");
    expect((await act(transcript, "complete")).body.error.details).toEqual({
      gate: "proof",
      name: "Approved transcript",
    });
    const optional = taskOf(b, "sponsor-copy");
    expect((await act(optional, "complete")).status).toBe(200);
  });

  it("keeps waiting work open with its follow-up, finds it once the follow-up is due, and resolves through the gates", async () => {
    const b = await bundleOf("newsletter-issue", "2026-03-10");
    const proofread = taskOf(b, "proofread");
    const waiting = await act(proofread, "mark-waiting", {
      waitingFor: "Guest's corrections",
      followUpAt: "2026-03-04T10:00:00.000Z",
      channel: "email",
      note: "sent the draft",
    });
    expect(waiting.body).toMatchObject({
      status: "waiting",
      waitingFor: "Guest's corrections",
      followUpAt: "2026-03-04T10:00:00.000Z",
      followUpChannel: "email",
    });
    expect((await h.call("GET", `/api/bundles/${b.bundle.bundleId}`)).body.openTaskCount).toBe(10);
    expect((await act(waiting.body, "complete")).body.error).toMatchObject({
      code: "invalid_transition",
      message: expect.stringContaining("resolve-done"),
    });
    expect(
      (await act(waiting.body, "mark-waiting", { waitingFor: "x", followUpAt: "2026-03-05T00:00:00.000Z" })).status,
    ).toBe(422);
    const ids = async (query: string) =>
      (await h.call("GET", `/api/tasks?${query}`)).body.items.map((t: Task) => t.taskId);
    expect(await ids("followUpDue=true")).not.toContain(proofread.taskId);
    expect(await ids("waiting=true")).toContain(proofread.taskId);
    h.setNow("2026-03-04T10:00:00.000Z");
    expect(await ids("followUpDue=true")).toContain(proofread.taskId);
    const nudged = await act(waiting.body, "follow-up-sent", {
      note: "pinged again",
      nextFollowUpAt: "2026-03-06T10:00:00.000Z",
    });
    expect(nudged.body).toMatchObject({
      status: "waiting",
      followUpAt: "2026-03-06T10:00:00.000Z",
      followUpChannel: "email",
    });
    expect(await ids("followUpDue=true")).not.toContain(proofread.taskId);
    const back = await act(nudged.body, "response-received", { note: "got them" });
    expect(back.body.status).toBe("todo");
    expect(back.body.waitingFor).toBeUndefined();
    expect(back.body.followUpAt).toBeUndefined();
    const again = await act(back.body, "mark-waiting", {
      waitingFor: "Editor",
      followUpAt: "2026-03-07T10:00:00.000Z",
    });
    expect((await act(again.body, "resolve-done")).body.error.details).toEqual({
      gate: "required-bundle-link",
      name: "Draft",
    });
    const history = await h.call("GET", `/api/tasks/${proofread.taskId}/events`);
    expect(history.body.items.map((e: TaskEvent) => e.kind)).toEqual([
      "created",
      "marked-waiting",
      "follow-up-sent",
      "response-received",
      "marked-waiting",
    ]);
    h.setNow("2026-03-02T09:00:00.000Z");
  });

  it("carries doc context from the definition to the task", async () => {
    const b = await bundleOf("podcast-episode");
    const task = (await h.call("GET", `/api/tasks/${taskOf(b, "record").taskId}`)).body;
    expect(task).toMatchObject({
      instructionDocId: "podcast-production",
      instructionStepId: "recording",
      phase: "production",
      systems: ["studio"],
      sourceDocIds: ["podcast-production"],
      proofRequirement: { type: "url", label: "Recording link", required: true },
    });
    expect((await h.call("GET", "/api/workflows/podcast-episode")).body.definition.tasks).toHaveLength(12);
  });

  it("counts open tasks, moves the stage forward only, completes the bundle with the last task and reactivates it on reopen", async () => {
    const created = await h.call("POST", "/api/bundles", { body: { title: "Small run", anchorDate: "2026-03-05" } });
    const bundleId = created.body.bundle.bundleId;
    const add = async (description: string) =>
      (await h.call("POST", "/api/tasks", { as: "operator", body: { description, date: "2026-03-05", bundleId } }))
        .body;
    const one = await add("one");
    const two = await add("two");
    let bundle = (await h.call("GET", `/api/bundles/${bundleId}`)).body;
    expect(bundle).toMatchObject({ taskCount: 2, openTaskCount: 2, status: "active", stage: "preparation" });
    bundle = (
      await h.call("PATCH", `/api/bundles/${bundleId}`, {
        as: "operator",
        body: { expectedVersion: bundle.version, stage: "announced" },
      })
    ).body;
    await act(one, "complete");
    bundle = (await h.call("GET", `/api/bundles/${bundleId}`)).body;
    expect(bundle).toMatchObject({ openTaskCount: 1, status: "active", stage: "announced" });
    const last = await act(two, "complete");
    bundle = (await h.call("GET", `/api/bundles/${bundleId}`)).body;
    expect(bundle).toMatchObject({
      openTaskCount: 0,
      status: "completed",
      stage: "done",
      completedBy: h.users.operator.userId,
      completedAt: "2026-03-02T09:00:00.000Z",
    });
    await act(last.body, "reopen");
    bundle = (await h.call("GET", `/api/bundles/${bundleId}`)).body;
    expect(bundle).toMatchObject({ openTaskCount: 1, status: "active", stage: "announced" });
    expect(bundle.completedAt).toBeUndefined();
    expect(
      (
        await h.call("PATCH", `/api/bundles/${bundleId}`, {
          body: { expectedVersion: bundle.version, status: "completed" },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await h.call("PATCH", `/api/bundles/${bundleId}`, {
          body: { expectedVersion: bundle.version, openTaskCount: 0 },
        })
      ).status,
    ).toBe(400);

    const podcast = await bundleOf("podcast-episode");
    const announce = taskOf(podcast, "announce-episode");
    const thank = taskOf(podcast, "thank-guest");
    await act(thank, "complete");
    expect((await h.call("GET", `/api/bundles/${podcast.bundle.bundleId}`)).body.stage).toBe("done");
    await act(announce, "complete", { link: "https://example.com/announce" });
    expect((await h.call("GET", `/api/bundles/${podcast.bundle.bundleId}`)).body.stage).toBe("done");
  });

  it("reschedules open template tasks by the same number of days and leaves done ones", async () => {
    const b = await bundleOf("tax-report", "2026-04-30");
    const exported = taskOf(b, "received-invoices");
    await act(exported, "complete");
    const current = (await h.call("GET", `/api/bundles/${b.bundle.bundleId}`)).body;
    const res = await h.call("POST", `/api/bundles/${b.bundle.bundleId}/reschedule`, {
      as: "operator",
      body: { expectedVersion: current.version, anchorDate: "2026-05-07" },
    });
    expect(res.status).toBe(200);
    const dates = new Map(res.body.tasks.map((t: Task) => [t.templateTaskRef, t.date]));
    expect(dates.get("received-invoices")).toBe("2026-04-12");
    expect(dates.get("export-statements")).toBe("2026-04-17");
    expect(dates.get("archive")).toBe("2026-05-12");
    expect(res.body.bundle).toMatchObject({ anchorDate: "2026-05-07", version: current.version + 1 });
    const trail = await h.call("GET", `/api/audit-events?entityType=bundle&entityId=${b.bundle.bundleId}`, {
      as: "operator",
    });
    expect(trail.body.items.map((e: AuditEvent) => e.action)).toEqual(["bundle.created", "bundle.rescheduled"]);
    expect(
      (
        await h.call("POST", `/api/bundles/${b.bundle.bundleId}/reschedule`, {
          body: { expectedVersion: b.bundle.version, anchorDate: "2026-05-09" },
        })
      ).status,
    ).toBe(409);
  });

  it("creates a bundle once per Idempotency-Key and refuses the key for a different body", async () => {
    const body = { workflowId: "newsletter-issue", title: "Issue 12", anchorDate: "2026-05-14" };
    const headers = { "idempotency-key": "issue-12" };
    const first = await h.call("POST", "/api/bundles", { body, headers });
    const retry = await h.call("POST", "/api/bundles", { body, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.bundle.bundleId).toBe(first.body.bundle.bundleId);
    expect(retry.body.tasks.map((t: Task) => t.taskId)).toEqual(first.body.tasks.map((t: Task) => t.taskId));
    const other = await h.call("POST", "/api/bundles", { body: { ...body, title: "Issue 13" }, headers });
    expect(other).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
  });

  it("refuses impossible dates, unknown fields and stale versions with the error envelope", async () => {
    const bad = await h.call("POST", "/api/tasks", { body: { description: "x", date: "2026-02-31" } });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: "validation_failed", details: { issues: [{ path: "date" }] } } },
    });
    expect(
      (await h.call("POST", "/api/tasks", { body: { description: "x", date: "2026-02-01", status: "done" } })).status,
    ).toBe(400);
    const task = (await h.call("POST", "/api/tasks", { body: { description: "edit me", date: "2026-02-01" } })).body;
    await h.call("PATCH", `/api/tasks/${task.taskId}`, { body: { expectedVersion: 1, description: "first" } });
    const stale = await h.call("PATCH", `/api/tasks/${task.taskId}`, {
      body: { expectedVersion: 1, description: "second" },
    });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        error: {
          code: "version_conflict",
          details: { expectedVersion: 1, currentVersion: 2, current: { description: "first" } },
        },
      },
    });
    const gate = await h.call("PATCH", `/api/tasks/${task.taskId}`, {
      as: "operator",
      body: { expectedVersion: 2, requiresFile: true },
    });
    expect(gate.status).toBe(403);
    expect(
      (await h.call("PATCH", `/api/tasks/${task.taskId}`, { body: { expectedVersion: 2, requiresFile: true } })).body
        .requiresFile,
    ).toBe(true);
    expect((await h.call("GET", "/api/tasks/tsk_nothere")).status).toBe(404);
    expect((await h.call("DELETE", `/api/tasks/${task.taskId}`)).status).toBe(400);
    expect((await h.call("DELETE", `/api/tasks/${task.taskId}?expectedVersion=3`, { as: "operator" })).status).toBe(
      403,
    );
    expect((await h.call("DELETE", `/api/tasks/${task.taskId}?expectedVersion=3`)).status).toBe(204);
  });
});
