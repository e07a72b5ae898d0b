import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/domain/bundle.js";
import type { StepExecution } from "../../src/domain/step-execution.js";
import type { Task } from "../../src/domain/task.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

type Run = { runStatus: string; steps: StepExecution[]; variables: Record<string, unknown>; error?: { type: string } };

describe("HTTP: graph workflow runs", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(() => h.close());

  const start = (body: Record<string, unknown>) =>
    h.call("POST", "/api/bundles", {
      as: "operator",
      body: { workflowId: "expense-approval", title: "expense", anchorDate: "2026-03-20", ...body },
    });
  const run = async (bundleId: string) =>
    (await h.call("GET", `/api/bundles/${bundleId}/run`, { as: "viewer" })).body as Run;

  it("refuses input that breaks the inputSchema with each problem named, and creates nothing", async () => {
    const before = (await h.call("GET", "/api/bundles?workflowId=expense-approval")).body.items.length;
    const res = await start({ input: { amount: -5, extra: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["input.amount", "input"]));
    expect(res.body.error.details.issues.some((i: { message: string }) => /description/.test(i.message))).toBe(true);
    expect((await h.call("GET", "/api/bundles?workflowId=expense-approval")).body.items).toHaveLength(before);
  });

  it("refuses input on a checklist workflow, and assignee overrides on a graph one", async () => {
    const checklist = await h.call("POST", "/api/bundles", {
      body: { workflowId: "tax-report", title: "t", anchorDate: "2026-03-20", input: { a: 1 } },
    });
    expect(checklist.status).toBe(400);
    const overrides = await start({ input: { amount: 5, description: "x" }, defaultAssigneeId: "usr_host" });
    expect(overrides.status).toBe(400);
  });

  it("starts a run, shows the person their task at once, and advances in the completing request", async () => {
    const res = await start({ input: { amount: 2500, description: "Conference tickets" }, correlationId: "exp-42" });
    expect(res.status).toBe(201);
    const { bundle, tasks } = res.body as { bundle: Bundle; tasks: Task[] };
    expect(bundle).toMatchObject({ runStatus: "waiting", correlationId: "exp-42", input: { amount: 2500 } });
    expect(tasks.map((t) => [t.templateTaskRef, t.outcomes])).toEqual([["approve-expense", ["approved", "rejected"]]]);
    const task = tasks[0] as Task;

    const refused = await h.call("POST", `/api/tasks/${task.taskId}/complete`, {
      as: "operator",
      body: { expectedVersion: task.version },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues[0].path).toBe("outcome");
    expect((await run(bundle.bundleId)).runStatus).toBe("waiting");

    const done = await h.call("POST", `/api/tasks/${task.taskId}/complete`, {
      as: "operator",
      body: { expectedVersion: task.version, outcome: "approved" },
    });
    expect(done.status).toBe(200);
    expect(done.body.outcome).toBe("approved");
    const state = await run(bundle.bundleId);
    expect(state).toMatchObject({ runStatus: "completed", variables: { decision: "approved" } });
    expect(state.steps.map((s) => s.stepId)).toEqual([
      "receive",
      "approveRequest",
      "recordDecision",
      "decided",
      "notify",
    ]);
    expect((await h.call("GET", `/api/bundles/${bundle.bundleId}`)).body).toMatchObject({
      status: "completed",
      stage: "done",
    });
  });

  it("lets an operator cancel, not a viewer; answers 409 for a run that is over and 404 for a checklist", async () => {
    const { bundle } = (await start({ input: { amount: 5000, description: "Desk" } })).body as { bundle: Bundle };
    const viewer = await h.call("POST", `/api/bundles/${bundle.bundleId}/cancel`, { as: "viewer" });
    expect(viewer.status).toBe(403);
    const stale = await h.call("POST", `/api/bundles/${bundle.bundleId}/cancel`, {
      as: "operator",
      body: { expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    const canceled = await h.call("POST", `/api/bundles/${bundle.bundleId}/cancel`, { as: "operator" });
    expect(canceled.status).toBe(200);
    expect(canceled.body.runStatus).toBe("canceled");
    expect((await h.call("POST", `/api/bundles/${bundle.bundleId}/cancel`, { as: "operator" })).status).toBe(409);
    const retry = await h.call("POST", `/api/bundles/${bundle.bundleId}/retry`, { as: "operator" });
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toMatch(/canceled/);

    const checklist = await h.call("POST", "/api/bundles", {
      body: { workflowId: "tax-report", title: "t", anchorDate: "2026-03-20" },
    });
    expect((await h.call("GET", `/api/bundles/${checklist.body.bundle.bundleId}/run`)).status).toBe(404);
    expect((await h.call("GET", "/api/bundles/bnd_missing/run")).status).toBe(404);
  });
});
