import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { getRun, retryRun } from "../../src/engine/run-service.js";
import { withCheckedWrites } from "../../src/repositories/checked-writes.js";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { listAllBundleTasks } from "../../src/services/list-all-bundle-tasks.js";
import { createRecurringConfig } from "../../src/services/recurring/recurring-configs.js";
import { transitionTask } from "../../src/services/transition-task.js";
import { pgliteBackend } from "../support/backends.js";
import { engineClock, startRun } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";

const base = { name: "guard", type: "test", stages: ["preparation", "done"] };
/** A branch that hands its input back (a delay) makes the join's output one level deeper than the input. */
const deepening: WorkflowDefinitionInput = {
  ...base,
  workflowId: "guard-deepening",
  tasks: [{ refId: "pause", description: "p", action: { type: "delay", config: { duration: "PT1S" } } }],
  steps: [{ stepId: "p", parallelBranches: [{ branchId: "a", steps: [{ stepId: "pause", taskId: "pause" }] }] }],
};
const withId: WorkflowDefinitionInput = {
  ...base,
  workflowId: "guard-schema-id",
  inputSchema: { $id: "https://example.com/schemas/guard", type: "object", properties: { n: { type: "number" } } },
  tasks: [
    { refId: "a", description: "a", action: { type: "variables.set", config: { expressions: { n: "input.n" } } } },
  ],
  steps: [{ stepId: "a", taskId: "a" }],
};
const approval: WorkflowDefinitionInput = {
  ...base,
  workflowId: "guard-approval",
  tasks: [{ refId: "ok", description: "ok", outcomes: ["yes", "no"] }],
  steps: [{ stepId: "ok", taskId: "ok" }],
};

describe("run guards (PGlite)", () => {
  let repo: Repository;
  let clock: ReturnType<typeof engineClock>;
  let operator: Ctx;
  const admin = f.user({ role: "admin" });
  beforeAll(async () => {
    // Checked as the server's store is: the guard under test is the store refusing a record.
    repo = withCheckedWrites(await pgliteBackend.open());
    for (const u of [admin, ...["usr_accountant", "usr_editor", "usr_host"].map((userId) => f.user({ userId }))])
      await repo.users.create(u, f.audit("user", u.userId));
    clock = engineClock(repo, await loadCatalog(), "2026-03-02T09:00:00.000Z");
    await clock.publish(deepening, withId, approval);
    operator = clock.as(admin);
  });
  afterAll(() => repo.close());
  const start = (workflowId: string, input: Record<string, unknown> = {}) => startRun(operator, workflowId, { input });

  it("fails a run whose next transition the store refuses, saying why, instead of leaving it due forever", async () => {
    let deep: Record<string, unknown> = { end: true };
    for (let level = 1; level < 31; level++) deep = { d: deep };
    const bundle = await start(deepening.workflowId as string, deep);
    await clock.advanceTo("2026-03-02T09:00:05.000Z");
    const run = await getRun(operator, bundle.bundleId);
    expect(run.runStatus).toBe("failed");
    expect(run.error).toMatchObject({ type: "RunWriteError", code: "validation_failed" });
    expect(run.runWakeAt).toBeUndefined();
    expect(await clock.runUntilIdle()).toBe(0);
    await expect(retryRun(operator, bundle.bundleId, {})).rejects.toThrow(/failed outside any step/);
  });

  it("starts runs of a workflow whose inputSchema has an $id, again and again", async () => {
    for (const n of [1, 2]) expect((await start(withId.workflowId as string, { n })).runStatus).toBe("completed");
  });

  it("refuses to reopen a step's task, so a finished step's outcome cannot be changed behind it", async () => {
    const bundle = await start(approval.workflowId as string);
    const [task] = await listAllBundleTasks(operator, bundle.bundleId);
    if (!task) throw new Error("no task");
    const done = await transitionTask(operator, task.taskId, "complete", {
      expectedVersion: task.version,
      outcome: "yes",
    });
    await expect(transitionTask(operator, task.taskId, "reopen", { expectedVersion: done.version })).rejects.toThrow(
      /cannot be reopened/,
    );
  });

  it("refuses an outcome on a task that has none", async () => {
    const bundle = await instantiateBundle(operator, {
      workflowId: "tax-report",
      title: "t",
      anchorDate: "2026-03-02",
    });
    const task = bundle.tasks.find((t) => !t.requiredLinkName && !t.proofRequirement && !t.requiresFile);
    if (!task) throw new Error("no plain task");
    await expect(
      transitionTask(operator, task.taskId, "complete", { expectedVersion: task.version, outcome: "yes" }),
    ).rejects.toThrow(/no outcomes/);
  });

  it("refuses a recurring config for a graph workflow that needs input or an assignee it cannot take", async () => {
    const config = { title: "Monthly", cron: "0 9 1 * *" };
    await expect(createRecurringConfig(operator, { ...config, workflowId: "expense-approval" })).rejects.toThrow(
      /needs run input a recurring config cannot give/,
    );
    await expect(
      createRecurringConfig(operator, { ...config, workflowId: approval.workflowId, assigneeId: "usr_editor" }),
    ).rejects.toThrow(/assigns each step's task/);
    expect((await createRecurringConfig(operator, { ...config, workflowId: approval.workflowId })).workflowId).toBe(
      approval.workflowId,
    );
  });

  it("leaves a run due, not failed, when the store cannot be reached for a moment", async () => {
    let down = true;
    const flaky: Repository = {
      ...repo,
      runs: {
        ...repo.runs,
        apply: (write) => (down ? Promise.reject(new Error("connection reset")) : repo.runs.apply(write)),
      },
    };
    const ctx = { ...operator, repo: flaky };
    const bundle = (
      await instantiateBundle(ctx, {
        workflowId: withId.workflowId as string,
        title: "t",
        anchorDate: "2026-03-02",
        input: { n: 3 },
      }).catch(() => undefined)
    )?.bundle;
    expect(bundle).toBeUndefined();
    const [stuck] = (await repo.bundles.list({ workflowId: withId.workflowId as string }, { limit: 100 })).items.filter(
      (b) => b.runStatus === "pending",
    );
    expect(stuck?.runWakeAt).toBeDefined();
    down = false;
    await clock.runUntilIdle();
    expect((await getRun(operator, stuck?.bundleId as string)).runStatus).toBe("completed");
  });
});
