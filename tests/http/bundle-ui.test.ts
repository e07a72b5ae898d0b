import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/domain/bundle.js";
import type { Ctx } from "../../src/domain/ctx.js";
import type { Task } from "../../src/domain/task.js";
import { WorkflowDefinition } from "../../src/domain/workflow-definition.js";
import { advanceRun } from "../../src/engine/advance-run.js";
import { decide } from "../../src/engine/decide.js";
import { loadRun } from "../../src/engine/load-run.js";
import { writeDecision } from "../../src/engine/write-decision.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";
import { type Caller, type Harness, startHarness } from "./harness.js";

/** A checklist (no steps) whose components exercise ordering, roles and conditions that cannot be evaluated. */
const checklist = WorkflowDefinition.parse({
  workflowId: "ui-checklist",
  name: "UI checklist",
  type: "test",
  stages: ["preparation", "done"],
  tasks: [{ refId: "only", description: "Only task" }],
  uiComponents: [
    { componentId: "checklist-progress", condition: "status == 'running'", priority: 5, context: { layout: "list" } },
    { componentId: "header", priority: -1 },
    { componentId: "needs-variable", condition: "variables.missing == 1" },
    { componentId: "not-boolean", condition: "'yes'" },
    { componentId: "viewer-help", condition: "role == 'viewer' && size(steps) == 0", priority: 5 },
    { componentId: "checklist-summary", condition: "status == 'completed' && bundle.stage == 'done'" },
  ],
});

describe("HTTP: a bundle's UI components", () => {
  let h: Harness;
  let system: Ctx;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    system = testCtx(h.repo, await loadCatalog());
    const candidate = f.workflowVersionCandidate("ui-checklist", "c");
    await h.repo.workflowVersions.register(
      { ...candidate, definition: checklist },
      f.audit("workflowVersion", candidate.workflowVersionId),
    );
  });
  afterAll(() => h.close());

  const ui = (bundleId: string, as: Caller = "viewer") => h.call("GET", `/api/bundles/${bundleId}/ui`, { as });
  const shown = async (bundleId: string, as: Caller = "viewer") =>
    ((await ui(bundleId, as)).body.components as { componentId: string }[]).map((c) => c.componentId);
  const expense = async (amount: number) => {
    const res = await h.call("POST", "/api/bundles", {
      as: "operator",
      body: {
        workflowId: "expense-approval",
        title: "expense",
        anchorDate: "2026-03-20",
        input: { amount, description: "Train" },
      },
    });
    expect(res.status).toBe(201);
    return res.body as { bundle: Bundle; tasks: Task[] };
  };
  const runStatus = async (bundleId: string) => (await h.call("GET", `/api/bundles/${bundleId}/run`)).body.runStatus;

  it("shows a completed run its summary, with the seed's context", async () => {
    const { bundle } = await expense(50);
    expect(bundle.runStatus).toBe("completed");
    const res = await ui(bundle.bundleId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      bundleId: bundle.bundleId,
      components: [
        { componentId: "workflow-summary", priority: 1, context: { title: "Workflow Summary", layout: "card" } },
      ],
      skipped: [],
    });
  });

  it("shows a waiting run's approval queue to an operator, not to a viewer", async () => {
    const { bundle } = await expense(2500);
    expect(bundle.runStatus).toBe("waiting");
    expect(await shown(bundle.bundleId, "operator")).toEqual(["approval-queue"]);
    expect(await shown(bundle.bundleId, "viewer")).toEqual([]);
    expect((await ui(bundle.bundleId, "admin")).body).toMatchObject({ components: [], skipped: [] });
  });

  it("shows a running run its progress: a worker wrote the approval's transition and has not run the next action", async () => {
    const { bundle, tasks } = await expense(3000);
    const task = tasks[0] as Task;
    // The person's completion as the store holds it, then one decided transition written without its effects.
    await h.repo.tasks.update({
      task: {
        next: { ...task, status: "done", outcome: "approved", completedAt: f.T0, version: task.version + 1 },
        expectedVersion: task.version,
      },
      audit: f.audit("task", task.taskId),
    });
    const view = await loadRun(system, bundle.bundleId);
    if (!view) throw new Error("no run");
    const decision = decide(
      view,
      { type: "wake" },
      { now: f.T0, random: Math.random, mint: (k) => system.ids.next(k) },
    );
    if (!decision) throw new Error("nothing decided");
    await writeDecision(system, view, decision);
    expect(await runStatus(bundle.bundleId)).toBe("running");
    const res = await ui(bundle.bundleId);
    expect(res.body.components).toEqual([
      { componentId: "workflow-progress", priority: 1, context: { title: "Current Progress", layout: "timeline" } },
    ]);
  });

  it("shows a failed run its error view", async () => {
    const { bundle, tasks } = await expense(4000);
    const task = tasks[0] as Task;
    // Archived outside the run (a repair): the run's next wake fails the step with TaskClosedError.
    await h.repo.tasks.update({
      task: { next: { ...task, status: "archived", version: task.version + 1 }, expectedVersion: task.version },
      audit: f.audit("task", task.taskId),
    });
    await advanceRun(system, bundle.bundleId, { type: "wake" }, { leaseMs: 60_000, external: false });
    expect(await runStatus(bundle.bundleId)).toBe("failed");
    expect((await ui(bundle.bundleId, "operator")).body.components).toEqual([
      { componentId: "error-view", priority: 2, context: { title: "Error Details", layout: "alert" } },
    ]);
  });

  it("orders by priority then declaration, skips conditions that fail with the reason, and reads a checklist as running then completed", async () => {
    const created = await h.call("POST", "/api/bundles", {
      as: "operator",
      body: { workflowId: "ui-checklist", title: "c", anchorDate: "2026-03-20" },
    });
    const { bundle, tasks } = created.body as { bundle: Bundle; tasks: Task[] };
    const res = await ui(bundle.bundleId);
    expect(res.body.components).toEqual([
      { componentId: "header", priority: -1, context: {} },
      { componentId: "checklist-progress", priority: 5, context: { layout: "list" } },
      { componentId: "viewer-help", priority: 5, context: {} },
    ]);
    expect(res.body.skipped).toEqual([
      { componentId: "needs-variable", reason: expect.stringMatching(/missing/) },
      { componentId: "not-boolean", reason: 'the condition gave "yes", not true or false' },
    ]);
    expect(await shown(bundle.bundleId, "operator")).toEqual(["header", "checklist-progress"]);

    const task = tasks[0] as Task;
    const done = await h.call("POST", `/api/tasks/${task.taskId}/complete`, {
      as: "operator",
      body: { expectedVersion: task.version },
    });
    expect(done.status).toBe(200);
    expect(await shown(bundle.bundleId, "operator")).toEqual(["header", "checklist-summary"]);
  });

  it("lists nothing for a workflow without components; 404 for an unknown bundle; 401 without a token", async () => {
    const tax = await h.call("POST", "/api/bundles", {
      body: { workflowId: "tax-report", title: "t", anchorDate: "2026-03-20" },
    });
    const bundleId = tax.body.bundle.bundleId;
    expect((await ui(bundleId)).body).toEqual({ bundleId, components: [], skipped: [] });
    const missing = await ui("bnd_missing");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    expect((await h.call("GET", `/api/bundles/${bundleId}/ui`, { as: null })).status).toBe(401);
  });
});
