import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTABLE_ENTITIES, type PortableEntity } from "../../src/domain/export-names.js";
import { portableText } from "../../src/domain/portable-record.js";
import type { Repository } from "../../src/repositories/repository.js";
import { IMPORT_ORDER } from "../../src/services/import-store.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

/** Every export line of an entity, page by page; no page holds more than `limit`. */
async function allLines(store: Repository, entity: PortableEntity, limit: number) {
  let text = "";
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await store.exports.lines(entity, { limit, cursor });
    expect(page.count).toBeLessThanOrEqual(limit);
    text += page.text;
    count += page.count;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { text, count };
}

/** Every page `pages` yields, joined; no page holds more than `limit`. */
async function streamedLines(store: Repository, entity: PortableEntity, limit: number) {
  let text = "";
  let count = 0;
  for await (const page of store.exports.pages(entity, limit)) {
    expect(page.count).toBeLessThanOrEqual(limit);
    text += page.text;
    count += page.count;
  }
  return { text, count };
}

/** The export read: every record of every entity, in ID order, across pages, on a fresh store. */
export function exportReaderContract(backend: Backend) {
  describe(`${backend.name}: export reader`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    it("lists each entity whole, ascending by ID, and nothing of a bundle that never committed", async () => {
      const users = [f.user({ userId: "usr_host" }), f.user(), f.user()];
      for (const u of users) await repo.users.create(u, f.audit("user", u.userId));
      const { version } = await repo.workflowVersions.register(
        f.workflowVersionCandidate("export-flow"),
        f.audit("workflowVersion", "wfv_x"),
      );
      const b = f.bundle({ workflowVersionId: version.workflowVersionId, taskCount: 5 });
      const tasks = Array.from({ length: 5 }, (_, i) =>
        f.task({ bundleId: b.bundleId, taskOrder: i, assigneeId: users[i % 3]?.userId }),
      );
      const events = tasks.map((t) => f.taskEvent(t.taskId, { bundleId: b.bundleId }));
      await repo.bundles.createWithTasks({
        bundle: b,
        tasks,
        taskEvents: events,
        audit: [f.audit("bundle", b.bundleId)],
      });
      const config = f.recurringConfig();
      await repo.recurringConfigs.create(config, f.audit("recurringConfig", config.recurringConfigId));
      const note = f.notification({ taskId: tasks[0]?.taskId });
      await repo.notifications.create(note, f.audit("notification", note.notificationId));
      const file = f.fileRecord(tasks[0]?.taskId ?? "");
      await repo.files.create(file, f.audit("file", file.fileId));
      const job = f.assistantJob({ taskId: tasks[1]?.taskId });
      await repo.assistantJobs.create(job, f.audit("assistantJob", job.assistantJobId));
      const artifact = f.artifact({ taskId: tasks[1]?.taskId, fileId: file.fileId });
      await repo.artifacts.create(artifact, f.audit("artifact", artifact.artifactId));
      // Sender-chosen event IDs sort bytewise (`Z` before `a`) on every backend.
      for (const eventId of ["a.2", "Z-1", f.eventId()]) await repo.events.create(f.workflowEvent({ eventId }));
      await repo.runs.apply(
        f.runWrite(
          b,
          { ...b, version: 2 },
          { audit: [], logs: [f.runLogEntry(b.bundleId), f.runLogEntry(b.bundleId, { level: "error" })] },
        ),
      );

      const failed = f.bundle();
      const clash = [
        f.task({ bundleId: failed.bundleId }),
        { ...(tasks[0] as (typeof tasks)[number]), bundleId: failed.bundleId },
      ];
      await expect(
        repo.bundles.createWithTasks({
          bundle: failed,
          tasks: clash,
          taskEvents: [],
          audit: [f.audit("bundle", failed.bundleId)],
        }),
      ).rejects.toMatchObject({ code: "conflict" });

      const expected: Record<PortableEntity, number> = {
        users: 3,
        workflow_versions: 1,
        bundles: 1,
        tasks: 5,
        task_events: 5,
        step_executions: 0,
        run_logs: 2,
        events: 3,
        recurring_configs: 1,
        notifications: 1,
        files: 1,
        artifacts: 1,
        assistant_jobs: 1,
        audit_events: 10,
      };
      for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
        const idField = PORTABLE_ENTITIES[entity].idField;
        const { items } = await allPages((p) => repo.exports.list(entity, p), 2);
        const ids = items.map((record) => String(record[idField]));
        expect([entity, ids.length]).toEqual([entity, expected[entity]]);
        expect([entity, ids]).toEqual([entity, [...ids].sort()]);
        expect(items.every((record) => !("pk" in record) && !Object.keys(record).some((k) => k.startsWith("_")))).toBe(
          true,
        );
      }
      const exported = (await allPages((p) => repo.exports.list("tasks", p), 100)).items;
      expect(exported).toEqual([...tasks].sort((x, y) => (x.taskId < y.taskId ? -1 : 1)));
    });

    it("renders export lines byte for byte as portableText of the listed records, and imports them back exactly", async () => {
      const awkward = [
        'say "hi", (twice)',
        'back\\slash \\" and \\N',
        "line\nbreak\ttab\r\u0001\u001f",
        "",
        "   ",
        "ünïcödé 😀 \u2028",
        "{not: json}",
      ];
      const users = awkward.map((name) => f.user({ name }));
      for (const u of users) await repo.users.create(u, f.audit("user", u.userId));
      const b = f.bundle({
        taskCount: awkward.length,
        links: [{ name: 'z"q', url: "https://example.com/a?b=c,d", required: true }],
      });
      const tasks = awkward.map((text, i) =>
        f.task({
          bundleId: b.bundleId,
          taskOrder: i,
          description: text || "x",
          comment: text,
          assigneeId: users[i]?.userId,
          proofRequirement: { type: "url", label: text || "label", required: i % 2 === 0 },
          validation: { checklist: [text, "b"], requiredBundleLinks: [] },
          tags: [text, "ok"],
          followUpAt: i % 2 ? "2026-05-01T10:11:12.500Z" : "2026-05-01T10:11:12.000Z",
          completedAt: "2026-05-01T10:11:12.007Z",
        }),
      );
      await repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [f.audit("bundle", b.bundleId)] });
      await storeAwkwardRun(repo, awkward);

      for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
        const records = (await allPages((p) => repo.exports.list(entity, p), 3)).items;
        const { text, count } = await allLines(repo, entity, 3);
        expect([entity, count]).toEqual([entity, records.length]);
        expect([entity, text]).toEqual([entity, portableText(entity, records)]);
        // Streamed pages (read ahead, rendered elsewhere) give the same text, also when the last page is full.
        for (const limit of new Set([3, Math.max(records.length, 1)])) {
          expect([entity, limit, await streamedLines(repo, entity, limit)]).toEqual([entity, limit, { text, count }]);
        }
      }
      const copy = await backend.open();
      try {
        for (const entity of IMPORT_ORDER) {
          const records = (await allPages((p) => repo.exports.list(entity, p), 500)).items;
          expect([entity, await copy.imports.putIfAbsent(entity, records)]).toEqual([
            entity,
            { written: records.length, existing: 0 },
          ]);
          expect([entity, await copy.imports.putIfAbsent(entity, records)]).toEqual([
            entity,
            { written: 0, existing: records.length },
          ]);
          expect([entity, (await allLines(copy, entity, 500)).text]).toEqual([
            entity,
            (await allLines(repo, entity, 500)).text,
          ]);
        }
        const taken = f.user({ email: users[0]?.email });
        await expect(copy.imports.putIfAbsent("users", [taken])).rejects.toMatchObject({ code: "conflict" });
      } finally {
        await copy.close();
      }

      const lines = (await repo.exports.lines("users", { limit: 500 })).text.split("\n");
      for (const name of awkward) expect(lines.some((line) => line.includes(JSON.stringify(name)))).toBe(true);
    });
  });
}

/** A run whose free-form fields, step errors, task outcomes, log and events hold the awkward texts. */
async function storeAwkwardRun(repo: Repository, awkward: string[]) {
  const [first = "x", second = "y"] = awkward;
  const run = f.runBundle({ input: { awkward }, variables: { [first]: second }, correlationId: first });
  await repo.bundles.createWithTasks({ bundle: run, tasks: [], taskEvents: [], audit: [] });
  const steps = awkward.map((text, i) =>
    f.fullStepExecution(run.bundleId, { stepId: `s${i}`, output: { text }, error: { type: "E", message: text } }),
  );
  const task = f.task({
    bundleId: run.bundleId,
    source: "workflow",
    stepExecutionId: steps[0]?.stepExecutionId,
    outcomes: [first, "approve"],
    outcome: first,
  });
  await repo.runs.apply({
    bundle: { next: { ...run, error: { type: "E", message: second, stepId: "s1" }, version: 2 }, expectedVersion: 1 },
    createSteps: steps.map((step, i) => (i === 0 ? { ...step, taskId: task.taskId } : step)),
    updateSteps: [],
    createTasks: [task],
    updateTasks: [],
    taskEvents: [],
    notifications: [],
    audit: [f.audit("bundle", run.bundleId)],
    logs: awkward.map((text, i) =>
      f.runLogEntry(run.bundleId, {
        level: i % 2 ? "warn" : "debug",
        stepId: `s${i}`,
        stepExecutionId: steps[i]?.stepExecutionId,
        message: text || "empty",
        metadata: { text, list: [text, i], nested: { [`k${i}`]: text } },
        expiresAt: i % 2 ? "2026-05-01T10:11:12.500Z" : "2026-05-01T10:11:12.000Z",
      }),
    ),
  });
  for (const [i, text] of awkward.entries())
    await repo.events.create(
      f.workflowEvent({
        type: `awkward.e${i}`,
        source: `source ${text}`,
        data: { text, [`k ${i}`]: [text, { deep: text }] },
        origin: "workflow",
        emittedBy: run.bundleId,
        runs: [{ bundleId: run.bundleId, workflowId: text || "x", workflowVersionId: "wfv_01" }],
        createdAt: i % 2 ? "2026-05-01T10:11:12.500Z" : "2026-05-01T10:11:12.000Z",
      }),
    );
}
