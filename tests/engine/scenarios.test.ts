import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import { ValidationError } from "../../src/domain/errors.js";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { cancelRun, getRun, retryRun } from "../../src/engine/run-service.js";
import type { Repository } from "../../src/repositories/repository.js";
import { listAllBundleTasks } from "../../src/services/list-all-bundle-tasks.js";
import { transitionTask } from "../../src/services/transition-task.js";
import { type Backend, dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { engineClock, startRun } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import * as W from "./scenario-workflows.js";

const START = "2026-03-02T09:00:00.000Z";
const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/** The scenarios of issue 14 on one backend, through the services and the driver, on a test clock. */
function scenarios(backend: Backend) {
  describe(`${backend.name}: workflow runs`, () => {
    let repo: Repository;
    let clock: ReturnType<typeof engineClock>;
    let operator: Ctx;
    const person = f.user({ role: "operator" });

    beforeAll(async () => {
      repo = await backend.open();
      for (const u of [person, ...["usr_accountant", "usr_editor"].map((userId) => f.user({ userId }))])
        await repo.users.create(u, f.audit("user", u.userId));
      clock = engineClock(repo, await loadCatalog(), START);
      await clock.publish(W.linear, W.caughtBranch, W.backoff, W.codes, W.continueAndStop, W.timedApproval);
      operator = clock.as(person);
    });
    afterAll(() => repo.close());

    const start = async (workflow: string | WorkflowDefinitionInput, input: Record<string, unknown> = {}) => {
      const workflowId = typeof workflow === "string" ? workflow : (workflow.workflowId as string);
      return (await startRun(operator, workflowId, { input })).bundleId;
    };
    const run = (bundleId: string) => getRun(operator, bundleId);
    const openTask = async (bundleId: string, ref: string) => {
      const task = (await listAllBundleTasks(operator, bundleId)).find(
        (t) => t.templateTaskRef === ref && (t.status === "todo" || t.status === "waiting"),
      );
      if (!task) throw new Error(`no open ${ref} task`);
      return task;
    };
    const complete = async (bundleId: string, ref: string, extra: Record<string, unknown> = {}) => {
      const task = await openTask(bundleId, ref);
      return transitionTask(operator, task.taskId, "complete", { expectedVersion: task.version, ...extra });
    };

    it("runs a linear workflow in the request that starts it; its records are written once", async () => {
      const id = await start(W.linear);
      const state = await run(id);
      expect(state.runStatus).toBe("completed");
      expect(state.steps.map((s) => [s.stepId, s.attempt, s.status])).toEqual([
        ["first", 1, "completed"],
        ["followUp", 1, "completed"],
        ["stage", 1, "completed"],
        ["tell", 1, "completed"],
      ]);
      const tasks = await listAllBundleTasks(operator, id);
      expect(tasks.map((t) => t.description)).toEqual(["File the receipt"]);
      const messages = await repo.notifications.listForRecipient(undefined, false, undefined, 100);
      expect(messages.filter((n) => n.bundleId === id && n.type === "workflow-message")).toHaveLength(1);
      const bundle = await repo.bundles.get(id);
      expect(bundle).toMatchObject({ status: "completed", stage: "done", variables: { step: 1 } });
      expect(await clock.runUntilIdle()).toBe(0);
    });

    it("routes on the input with the seed's condition, and a person's outcome decides the rest", async () => {
      const small = await start("expense-approval", { amount: 200, description: "Taxi" });
      expect(await run(small)).toMatchObject({
        runStatus: "completed",
        variables: { decision: "approved", automatic: true },
      });
      const big = await start("expense-approval", { amount: 1500, description: "Laptop" });
      expect((await run(big)).runStatus).toBe("waiting");
      const approval = await openTask(big, "approve-expense");
      expect(approval).toMatchObject({ outcomes: ["approved", "rejected"], assigneeId: "usr_accountant" });
      await expect(complete(big, "approve-expense")).rejects.toThrow(ValidationError);
      await expect(complete(big, "approve-expense", { outcome: "maybe" })).rejects.toThrow(/one of approved, rejected/);
      await complete(big, "approve-expense", { outcome: "rejected" });
      const done = await run(big);
      expect(done).toMatchObject({ runStatus: "completed", variables: { decision: "rejected", amount: 1500 } });
      expect((await repo.bundles.get(big))?.stage).toBe("done");
    });

    it("refuses input that does not match the inputSchema, and starts nothing", async () => {
      const before = (await repo.bundles.list({ workflowId: "expense-approval" }, { limit: 100 })).items.length;
      await expect(start("expense-approval", { amount: "lots" })).rejects.toMatchObject({
        details: { issues: expect.arrayContaining([expect.objectContaining({ path: "input.amount" })]) },
      });
      expect((await repo.bundles.list({ workflowId: "expense-approval" }, { limit: 100 })).items).toHaveLength(before);
    });

    it("joins parallel branches when a failing branch's handler catches its error", async () => {
      const id = await start(W.caughtBranch);
      const waiting = await run(id);
      expect(waiting.steps.find((s) => s.stepId === "legalCheck")).toMatchObject({
        status: "failed",
        branchPath: "review.1/legal",
        error: { type: "ValidationError", code: "USER_NOT_FOUND" },
      });
      await complete(id, "edit", { comment: "looks good" });
      const state = await run(id);
      const review = state.steps.find((s) => s.stepId === "review");
      expect(review?.output).toEqual({
        legal: { legal: "noted" },
        editorial: expect.objectContaining({ comment: "looks good" }),
      });
      expect(state).toMatchObject({ runStatus: "completed", variables: { legal: "noted", published: true } });
    });

    it("spaces exponential retries by the formula (capped, no jitter), on persisted timers", async () => {
      const id = await start(W.backoff);
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        const bundle = await repo.bundles.get(id);
        const wakeAt = bundle?.runWakeAt as string;
        waits.push(ms(clock.now, wakeAt) / 1000);
        await clock.advanceTo(wakeAt);
      }
      expect(waits).toEqual([10, 20, 30, 30]);
      const state = await run(id);
      expect(state.steps.filter((s) => s.stepId === "flaky").map((s) => s.attempt)).toEqual([1, 2, 3, 4, 5]);
      expect(state).toMatchObject({ runStatus: "completed", variables: { gaveUp: true } });
    });

    it("times out a review, retries it once as a new task, then routes it by errorType: TimeoutError", async () => {
      const id = await start("publishing-pipeline", { title: "Spring issue" });
      await complete(id, "write-draft");
      expect((await repo.bundles.get(id))?.stage).toBe("review");
      await complete(id, "editorial-review", { outcome: "approved" });
      const firstLegal = await openTask(id, "legal-review");
      await clock.advanceTo(new Date(Date.parse(clock.now) + 2 * 86_400_000).toISOString());
      expect((await repo.tasks.get(firstLegal.taskId))?.status).toBe("archived");
      await clock.advanceTo((await repo.bundles.get(id))?.runWakeAt as string); // the hour's retry delay
      const secondLegal = await openTask(id, "legal-review");
      expect(secondLegal.taskId).not.toBe(firstLegal.taskId);
      await clock.advanceTo(new Date(Date.parse(clock.now) + 2 * 86_400_000).toISOString());
      const state = await run(id);
      const legal = state.steps.filter((s) => s.stepId === "legalReview");
      expect(legal.map((s) => [s.attempt, s.error?.type])).toEqual([
        [1, "TimeoutError"],
        [2, "TimeoutError"],
      ]);
      expect(state.steps.find((s) => s.stepId === "escalateLegal")?.status).toBe("completed");
      expect(state.steps.find((s) => s.stepId === "publish")?.status).toBe("waiting");
    });

    it("routes by errorCode, in the order the conditions are written", async () => {
      const state = await run(await start(W.codes));
      expect(state).toMatchObject({ runStatus: "completed", variables: { route: "code" } });
    });

    it("continue goes to onFailure.nextStepId keeping the error; stop fails the run", async () => {
      const state = await run(await start(W.continueAndStop));
      expect(state.steps.find((s) => s.stepId === "soft")).toMatchObject({
        status: "failed",
        error: { code: "USER_NOT_FOUND" },
      });
      expect(state.steps.find((s) => s.stepId === "hard")?.input).toMatchObject({
        stepId: "soft",
        error: { type: "ValidationError" },
      });
      expect(state).toMatchObject({ runStatus: "failed", error: { stepId: "hard", type: "ValidationError" } });
      expect(state.steps.some((s) => s.stepId === "after")).toBe(false);
    });

    it("cancels a run, and retries a failed one from its failed step", async () => {
      const canceled = await start(W.timedApproval);
      const after = await cancelRun(operator, canceled, {});
      expect(after.runStatus).toBe("canceled");
      expect((await listAllBundleTasks(operator, canceled)).map((t) => t.status)).toEqual(["archived"]);
      await expect(cancelRun(operator, canceled, {})).rejects.toThrow(/canceled/);

      const failed = await start(W.timedApproval);
      await clock.advanceTo(new Date(Date.parse(clock.now) + 4 * 3_600_000).toISOString());
      expect(await run(failed)).toMatchObject({ runStatus: "failed", error: { type: "TimeoutError", stepId: "sign" } });
      const retried = await retryRun(operator, failed, {});
      expect(retried.runStatus).toBe("waiting");
      expect(retried.steps.filter((s) => s.stepId === "sign").map((s) => [s.visit, s.status])).toEqual([
        [1, "failed"],
        [2, "waiting"],
      ]);
      await complete(failed, "sign", { outcome: "signed" });
      expect(await run(failed)).toMatchObject({ runStatus: "completed", variables: { filed: true } });
    });
  });
}

scenarios(pgliteBackend);
scenarios(postgresBackend);
scenarios(dynamoBackend);
