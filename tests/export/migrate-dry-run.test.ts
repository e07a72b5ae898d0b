import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { DatabaseHandle } from "../../src/db/client.js";
import { hashToken } from "../../src/domain/api-token-secret.js";
import { systemClock } from "../../src/domain/clock.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { Task } from "../../src/domain/task.js";
import { DEFAULT_ENGINE_SETTINGS } from "../../src/engine/engine-settings.js";
import { silentLogger } from "../../src/log/logger.js";
import { migrateDryRun } from "../../src/migration/migrate-dry-run.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import { keys } from "../../src/repositories/dynamo/key-model.js";
import { DEFAULT_SCHEDULER_SETTINGS } from "../../src/scheduler/settings.js";
import { type Harness, startHarness } from "../http/harness.js";
import { dynamoBackend, openDynamo, openPostgresHandle } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { seedSampleRuns } from "./sample-run.js";
import { seedSampleSessions } from "./sample-session.js";

describe("migration dry run: DynamoDB -> Postgres", () => {
  let h: Harness;
  let recordTask: Task;
  let runs: Awaited<ReturnType<typeof seedSampleRuns>>;
  let sessionIds: string[];
  beforeAll(async () => {
    h = await startHarness(dynamoBackend);
    const { body } = await h.call("POST", "/api/bundles", {
      body: { workflowId: "newsletter-issue", title: "Migrate me", anchorDate: "2026-03-20" },
    });
    recordTask = (body.tasks as Task[]).find((t) => t.templateTaskRef === "write-draft") as Task;
    await h.call("POST", `/api/tasks/${recordTask.taskId}/complete`, {
      as: "operator",
      body: { expectedVersion: 1, link: "https://newsletter.example.com/draft" },
    });
    await h.call("POST", "/api/artifacts", {
      as: "operator",
      body: { type: "report", title: "R", storageUri: "https://docs.example.com/r", bundleId: body.bundle.bundleId },
    });
    runs = await seedSampleRuns(h.repo, h.users.operator.userId);
    ({ sessionIds } = await seedSampleSessions(h.repo, h.tokens.operator));
  });
  afterAll(() => h.close());

  it("verifies every entity and leaves the target empty; with commit the data is there and the app serves it", async () => {
    const { handle } = await openPostgresHandle();
    try {
      const dry = await migrateDryRun(h.repo, handle, { commit: false });
      expect(dry.error).toBeUndefined();
      expect(dry).toMatchObject({ passed: true, committed: false });
      expect(dry.entities.find((row) => row.entity === "tasks")).toMatchObject({
        sourceCount: 11,
        targetCount: 11,
        checksumMatch: true,
        problems: [],
      });
      for (const [entity, count] of [
        ["step_executions", 3],
        ["run_logs", 4],
        ["events", 3],
      ] as const)
        expect(dry.entities.find((row) => row.entity === entity)).toMatchObject({
          sourceCount: count,
          targetCount: count,
          checksumMatch: true,
        });
      expect(dry.entities.every((row) => row.checksumMatch && row.sourceCount === row.targetCount)).toBe(true);
      const target = createDrizzleRepository(handle);
      expect((await target.exports.list("tasks", { limit: 1 })).items).toEqual([]);

      const real = await migrateDryRun(h.repo, handle, { commit: true });
      expect(real).toMatchObject({ passed: true, committed: true });
      expect((await target.tasks.get(recordTask.taskId))?.status).toBe("done");
      for (const bundleId of [runs.failed, runs.waiting]) {
        expect((await target.runs.listSteps(bundleId, {})).items).toEqual(
          (await h.repo.runs.listSteps(bundleId, {})).items,
        );
        expect((await target.runLogs.listByBundle(bundleId, {}, {})).items).toEqual(
          (await h.repo.runLogs.listByBundle(bundleId, {}, {})).items,
        );
        expect(await target.bundles.get(bundleId)).toEqual(await h.repo.bundles.get(bundleId));
      }
      expect((await target.runLogs.listByBundle(runs.failed, { level: "error" }, {})).items).toHaveLength(1);
      for (const eventId of runs.events)
        expect(await target.events.get(eventId)).toEqual(await h.repo.events.get(eventId));
      expect(
        (await target.events.listByType("order.placed", "2026-03-02T00:00:00.000Z", {})).items.map((e) => e.eventId),
      ).toEqual(runs.events.slice(0, 2));
      expect((await target.runs.listDue("2026-03-03T00:00:00.000Z", {})).items.map((b) => b.bundleId)).toEqual([
        runs.waiting,
      ]);

      // Sessions are never migrated (people sign in again); their audit trail is.
      for (const sessionId of sessionIds) {
        expect(await target.sessions.get(sessionId)).toBeUndefined();
        const trail = (await h.repo.auditEvents.listByEntity("session", sessionId, {})).items;
        expect(trail.length).toBeGreaterThan(0);
        expect((await target.auditEvents.listByEntity("session", sessionId, {})).items).toEqual(trail);
      }

      // Tokens are never migrated: the admin issues a new one on the Postgres side, then the app serves the data.
      const secret = "we_after-migration-token-0123456789";
      await target.apiTokens.create(
        f.apiToken(h.users.admin.userId, { tokenHash: hashToken(secret), expiresAt: undefined, revokedAt: undefined }),
        f.audit("apiToken", "tok_x"),
      );
      const app = createApp({
        makeCtx: () => ({
          repo: target,
          clock: systemClock,
          ids: createIdGenerator(),
          catalog: { workflows: new Map(), docs: new Map() },
          policy: { localStorageAllowed: true, maxFileBytes: 1024 },
          scheduler: DEFAULT_SCHEDULER_SETTINGS,
          engine: DEFAULT_ENGINE_SETTINGS,
        }),
        log: silentLogger,
        storage: "postgres",
      });
      const res = await app.request(`/api/tasks/${recordTask.taskId}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        taskId: recordTask.taskId,
        status: "done",
        link: "https://newsletter.example.com/draft",
      });

      const refused = await migrateDryRun(h.repo, handle, { commit: false });
      expect(refused).toMatchObject({ passed: false, committed: false, error: expect.stringContaining("not empty") });

      // The copy sets indexes and foreign keys aside; the committed schema is the migrations' own.
      const fresh = await openPostgresHandle();
      try {
        expect(await schemaObjects(handle)).toEqual(await schemaObjects(fresh.handle));
        expect((await schemaObjects(handle)).length).toBeGreaterThan(40);
      } finally {
        await fresh.handle.close();
      }
    } finally {
      await handle.close();
    }
  });

  it("fails on a reference to a record the source does not hold, and leaves the target empty", async () => {
    const { repo: source, ctx } = await openDynamo();
    const { handle } = await openPostgresHandle();
    try {
      const user = f.user();
      await source.users.create(user, f.audit("user", user.userId));
      const task = f.task({ assigneeId: user.userId });
      await source.tasks.create({ task, audit: f.audit("task", task.taskId) });
      const note = f.notification({ userId: user.userId, taskId: task.taskId });
      await source.notifications.create(note, f.audit("notification", note.notificationId));
      // The task goes missing behind the repository's back (a hand edit, a partial restore).
      await ctx.doc.send(new DeleteCommand({ TableName: ctx.tables.tasks, Key: keys.task(task.taskId) }));

      const report = await migrateDryRun(source, handle, { commit: true });
      expect(report).toMatchObject({ passed: false, committed: false });
      expect(report.error).toBe(
        `notifications refers to a record that is not there: Key (task_id)=(${task.taskId}) is not present in table "tasks".`,
      );
      const target = createDrizzleRepository(handle);
      expect((await target.exports.list("users", { limit: 1 })).items).toEqual([]);
      expect(await schemaObjects(handle)).toContain(
        "fk notifications notifications_task_id_tasks_task_id_fk FOREIGN KEY (task_id) REFERENCES tasks(task_id) ON DELETE CASCADE",
      );
    } finally {
      await handle.close();
      await source.close();
    }
  });
});

/** Every index and foreign key of the public schema, by name and definition. */
async function schemaObjects(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = (await handle.db.execute(sql`
    select 'index ' || tablename || ' ' || indexname || ' ' || indexdef as object from pg_indexes where schemaname = 'public'
    union all
    select 'fk ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace
    order by 1`)) as unknown as { rows: { object: string }[] };
  return rows.map((row) => row.object);
}
