import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import type { RunLogEntry } from "../../src/domain/run-log.js";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { listRunLogs } from "../../src/engine/run-log-queries.js";
import { getRun } from "../../src/engine/run-service.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { runDueWork } from "../../src/scheduler/tick.js";
import { type Backend, dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { engineClock, startRun } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";

const START = "2026-03-02T09:00:00.000Z";
const HOUR = 3_600_000;
const later = (ms: number) => new Date(Date.parse(START) + ms).toISOString();
const base = { name: "scenario", type: "test", stages: ["preparation", "done"] };

/** Sets a variable, then fails (a missing assignee): debug, info and error entries, kept for two hours. */
const logged: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-logged",
  executionLog: { level: "debug", retention: "PT2H", metadata: ["userId", "correlationId", "attempt"] },
  tasks: [
    { refId: "first", description: "first", action: { type: "variables.set", config: { values: { a: 1 } } } },
    {
      refId: "broken",
      description: "broken",
      action: { type: "task.create", config: { description: "never", assigneeId: "usr_nobody" } },
    },
  ],
  steps: [
    { stepId: "first", taskId: "first", next: [{ nextStepId: "broken" }] },
    { stepId: "broken", taskId: "broken" },
  ],
};

/** The default log: info and above, kept 30 days, no metadata. */
const quiet: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-quiet",
  tasks: [{ refId: "only", description: "only", action: { type: "variables.set", config: { values: { b: 2 } } } }],
  steps: [{ stepId: "only", taskId: "only" }],
};

function runLogs(backend: Backend) {
  describe(`${backend.name}: run logs`, () => {
    let repo: Repository;
    let clock: ReturnType<typeof engineClock>;
    let operator: Ctx;
    const person = f.user({ role: "operator" });

    beforeAll(async () => {
      repo = await backend.open();
      await repo.users.create(person, f.audit("user", person.userId));
      clock = engineClock(repo, await loadCatalog(), START);
      await clock.publish(logged, quiet);
      operator = clock.as(person);
    });
    afterAll(() => repo.close());

    const start = async (workflowId: string) =>
      (await startRun(operator, workflowId, workflowId === "scenario-logged" ? { correlationId: "corr-7" } : {}))
        .bundleId;
    const all = async (bundleId: string, query: Record<string, unknown> = {}) => {
      const entries: RunLogEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await listRunLogs(operator, bundleId, { ...query, limit: 2, cursor });
        entries.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return entries;
    };

    it("logs each transition's changes in order, at the workflow's level, with the metadata it names", async () => {
      const bundleId = await start("scenario-logged");
      await clock.runUntilIdle();
      const entries = await all(bundleId);
      expect(entries.map((e) => [e.level, e.stepId ?? null, e.message])).toEqual([
        ["info", null, "run pending -> running"],
        ["debug", "first", "step first (visit 1, attempt 1) running"],
        ["info", "first", "step first (visit 1, attempt 1) completed"],
        ["debug", "broken", "step broken (visit 1, attempt 1) running"],
        [
          "error",
          "broken",
          expect.stringMatching(/^step broken \(visit 1, attempt 1\) failed: ValidationError\/USER_NOT_FOUND/),
        ],
        ["error", null, expect.stringMatching(/^run running -> failed: ValidationError/)],
      ]);
      expect(entries[0]?.metadata).toEqual({ userId: person.userId, correlationId: "corr-7" });
      expect(entries[2]?.metadata).toEqual({ userId: person.userId, correlationId: "corr-7", attempt: 1 });
      expect(entries.every((e) => e.expiresAt === later(2 * HOUR) || e.expiresAt > START)).toBe(true);

      expect((await all(bundleId, { level: "error" })).map((e) => e.stepId ?? null)).toEqual(["broken", null]);
      expect((await all(bundleId, { stepId: "first" })).map((e) => e.level)).toEqual(["debug", "info"]);
      expect(await all(bundleId, { stepId: "first", level: "error" })).toEqual([]);
      expect((await getRun(operator, bundleId)).logSummary).toEqual({
        entries: 6,
        warnings: 0,
        errors: 2,
        firstAt: START,
        lastAt: START,
      });
    });

    it("keeps only info and above by default, without metadata", async () => {
      const bundleId = await start("scenario-quiet");
      await clock.runUntilIdle();
      const entries = await all(bundleId);
      expect(entries.map((e) => e.level)).toEqual(["info", "info", "info"]);
      expect(entries.every((e) => e.metadata === undefined)).toBe(true);
      expect(entries[0]?.expiresAt).toBe(later(30 * 24 * HOUR));
    });

    it("deletes entries past their retention in the scheduler tick; the run's summary stays", async () => {
      const kept = await start("scenario-quiet");
      const purged = await start("scenario-logged");
      await clock.runUntilIdle();
      const summary = (await getRun(operator, purged)).logSummary;
      expect(summary?.entries).toBe(6);
      await clock.advanceTo(later(2 * HOUR + 1000));
      const counts = await runDueWork(clock.system, { log: silentLogger }, "gc-test");
      expect(counts.logsPurged).toBeGreaterThanOrEqual(12); // this run's and the first test's
      expect(await all(purged)).toEqual([]);
      expect((await getRun(operator, purged)).logSummary).toEqual(summary);
      expect(await all(kept)).toHaveLength(3);
      expect((await runDueWork(clock.system, { log: silentLogger }, "gc-test")).logsPurged).toBe(0);
    });
  });
}

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) runLogs(backend);
