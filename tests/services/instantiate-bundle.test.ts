import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentCatalog } from "../../src/content/load-content.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { ConflictError, ValidationError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";

describe("instantiating a bundle from a workflow definition", () => {
  let repo: Repository;
  let catalog: ContentCatalog;
  let ctx: Ctx;
  beforeAll(async () => {
    repo = await pgliteBackend.open();
    catalog = await loadCatalog();
    const admin = f.user({ role: "admin" });
    for (const u of [
      admin,
      f.user({ userId: "usr_host" }),
      f.user({ userId: "usr_editor" }),
      f.user({ userId: "usr_accountant" }),
    ]) {
      await repo.users.create(u, f.audit("user", u.userId));
    }
    ctx = testCtx(repo, catalog, admin);
    await registerWorkflowVersions(ctx);
  });
  afterAll(() => repo.close());

  it("creates the bundle with link placeholders and every task with its dates, gates and doc context", async () => {
    const { bundle, tasks } = await instantiateBundle(ctx, {
      workflowId: "podcast-episode",
      title: "Episode 42",
      anchorDate: "2026-03-31",
    });
    const version = await repo.workflowVersions.getLatest("podcast-episode");
    expect(bundle).toMatchObject({
      workflowId: "podcast-episode",
      workflowVersionId: version?.workflowVersionId,
      title: "Episode 42",
      anchorDate: "2026-03-31",
      stage: "preparation",
      status: "active",
      taskCount: 12,
      openTaskCount: 12,
      tags: ["podcast"],
      createdBy: ctx.actor?.userId,
    });
    expect(bundle.bundleId).toMatch(/^bnd_[0-9a-z]{26}$/);
    expect(bundle.links).toEqual([
      { name: "Episode doc", url: "", required: true },
      { name: "Recording link", url: "", required: true },
      { name: "Episode page", url: "", required: true },
      { name: "Sponsor brief", url: "", required: false },
    ]);
    expect(bundle.references.map((r) => r.name)).toEqual(["Recording studio", "Hosting platform"]);

    const byRef = new Map(tasks.map((t) => [t.templateTaskRef, t]));
    expect(tasks.map((t) => t.taskOrder)).toEqual([...Array(12).keys()]);
    expect(byRef.get("invite-guest")).toMatchObject({
      date: "2026-03-10",
      assigneeId: "usr_host",
      phase: "outreach",
      instructionDocId: "podcast-production",
      instructionStepId: "guest-outreach",
      systems: ["email", "calendar"],
      proofRequirement: { type: "comment", label: "Confirmed date and time", required: true },
    });
    expect(byRef.get("record")).toMatchObject({
      date: "2026-03-31",
      isMilestone: true,
      requiredLinkName: "Recording link",
      proofRequirement: { type: "url", label: "Recording link", required: true },
    });
    expect(byRef.get("edit-audio")).toMatchObject({
      date: "2026-04-03",
      assigneeId: "usr_editor",
      requiresFile: true,
      proofRequirement: { type: "file" },
    });
    expect(byRef.get("publish")).toMatchObject({
      date: "2026-04-05",
      stageOnComplete: "after-event",
      validation: { requiredBundleLinks: ["Episode page", "Recording link"] },
    });
    expect(byRef.get("announce-episode")).toMatchObject({
      instructionsUrl: "https://wiki.example.com/announcing",
      stageOnComplete: "announced",
    });
    expect(byRef.get("announce-release")?.tags).toEqual(["social"]);
    expect(byRef.get("sponsor-copy")?.sourceDocIds).toEqual(["sponsor-handling"]);
    expect(byRef.get("thank-guest")?.sourceDocIds).toEqual(["podcast-production"]);
    for (const t of tasks) {
      expect(t).toMatchObject({
        bundleId: bundle.bundleId,
        workflowVersionId: bundle.workflowVersionId,
        status: "todo",
        source: "template",
        version: 1,
      });
      expect(t.taskId).toMatch(/^tsk_/);
      expect(await repo.tasks.get(t.taskId)).toEqual(t);
    }
    const history = await repo.tasks.listEvents(tasks[0]?.taskId ?? "", {});
    expect(history.items.map((e) => e.kind)).toEqual(["created"]);
    const trail = await repo.auditEvents.listByEntity("bundle", bundle.bundleId, {});
    expect(trail.items).toMatchObject([
      { action: "bundle.created", actorId: ctx.actor?.userId, after: { taskCount: 12 } },
    ]);
  });

  it("counts days in real calendar arithmetic across month ends and leap days", async () => {
    const { tasks } = await instantiateBundle(ctx, {
      workflowId: "newsletter-issue",
      title: "Leap issue",
      anchorDate: "2028-03-04",
    });
    expect(tasks.map((t) => [t.templateTaskRef, t.date])).toEqual([
      ["collect-stories", "2028-02-28"],
      ["events-section", "2028-02-29"],
      ["write-draft", "2028-03-01"],
      ["sponsor-slot", "2028-03-01"],
      ["proofread", "2028-03-02"],
      ["test-send", "2028-03-03"],
      ["schedule-send", "2028-03-04"],
      ["archive-issue", "2028-03-05"],
      ["check-stats", "2028-03-07"],
      ["retro", "2028-03-08"],
    ]);
  });

  it("fills link placeholders, applies assignee overrides, and keeps extra links as optional", async () => {
    const { bundle, tasks } = await instantiateBundle(ctx, {
      workflowId: "tax-report",
      title: "Q1 taxes",
      anchorDate: "2026-04-30",
      links: [
        { name: "Statements folder", url: "https://drive.example.com/q1" },
        { name: "Bank portal", url: "https://bank.example.com" },
      ],
      assigneeOverrides: { pay: "usr_host" },
      defaultAssigneeId: "usr_editor",
    });
    expect(bundle.links).toEqual([
      { name: "Statements folder", url: "https://drive.example.com/q1", required: true },
      { name: "Submission receipt", url: "", required: true },
      { name: "Bank portal", url: "https://bank.example.com", required: false },
    ]);
    const assignee = (ref: string) => tasks.find((t) => t.templateTaskRef === ref)?.assigneeId;
    expect([assignee("pay"), assignee("approve-return"), assignee("reconcile")]).toEqual([
      "usr_host",
      "usr_host",
      "usr_editor",
    ]);
  });

  it("refuses impossible dates, unknown workflows and assignees, and writes nothing", async () => {
    const before = (await repo.bundles.list({ workflowId: "podcast-episode" }, { limit: 500 })).items.length;
    await expect(
      instantiateBundle(ctx, { workflowId: "podcast-episode", title: "x", anchorDate: "2026-02-31" }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { issues: [{ path: "anchorDate" }] } });
    await expect(
      instantiateBundle(ctx, { workflowId: "no-such-flow", title: "x", anchorDate: "2026-02-01" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      instantiateBundle(ctx, {
        workflowId: "podcast-episode",
        title: "x",
        anchorDate: "2026-02-01",
        defaultAssigneeId: "usr_nobody",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      instantiateBundle(ctx, {
        workflowId: "podcast-episode",
        title: "x",
        anchorDate: "2026-02-01",
        assigneeOverrides: { "no-such-task": "usr_host" },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await repo.bundles.list({ workflowId: "podcast-episode" }, { limit: 500 })).items.length).toBe(before);
  });

  it("returns the first result for a repeated idempotency key, and refuses the key for another request", async () => {
    const input = { workflowId: "newsletter-issue", title: "Issue 7", anchorDate: "2026-06-04" };
    const first = await instantiateBundle(ctx, input, "newsletter-7");
    const again = await instantiateBundle(ctx, { ...input }, "newsletter-7");
    expect(again.bundle).toEqual(first.bundle);
    expect(again.tasks.map((t) => t.taskId)).toEqual(first.tasks.map((t) => t.taskId));
    await expect(instantiateBundle(ctx, { ...input, title: "Issue 8" }, "newsletter-7")).rejects.toBeInstanceOf(
      ConflictError,
    );
    const racing = await Promise.all(
      [1, 2, 3].map(() => instantiateBundle(ctx, { ...input, title: "Issue 9" }, "newsletter-9")),
    );
    expect(new Set(racing.map((r) => r.bundle.bundleId)).size).toBe(1);
  });

  it("creates an ad-hoc bundle with no workflow and no tasks", async () => {
    const { bundle, tasks } = await instantiateBundle(ctx, {
      title: "Conference trip",
      anchorDate: "2026-09-01",
      tags: ["travel"],
    });
    expect(tasks).toEqual([]);
    expect(bundle).toMatchObject({
      taskCount: 0,
      openTaskCount: 0,
      stage: "preparation",
      stages: ["preparation", "announced", "after-event", "done"],
      tags: ["travel"],
    });
    expect(bundle.workflowVersionId).toBeUndefined();
  });
});
