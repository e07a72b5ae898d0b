import { describe, expect, it } from "vitest";
import { coreRun } from "./core-harness.js";

const base = { name: "t", type: "test", stages: ["preparation", "done"] };
const set = (refId: string, values: Record<string, unknown>) => ({
  refId,
  description: refId,
  action: { type: "variables.set", config: { values } },
});

describe("engine core: guards", () => {
  it("hands a newly started attempt's action to the driver once, not once more as a resume", () => {
    const run = coreRun({
      ...base,
      workflowId: "once",
      tasks: [set("a", { a: 1 })],
      steps: [{ stepId: "a", taskId: "a" }],
    });
    expect(run.peek({ type: "wake" })?.effects.map((e) => e.stepId)).toEqual(["a"]);
  });

  it("counts a person's work done before the deadline was noticed, rather than timing it out", async () => {
    const run = coreRun({
      ...base,
      workflowId: "late",
      tasks: [{ refId: "sign", description: "s" }],
      steps: [{ stepId: "sign", taskId: "sign", timeout: "PT1H" }],
    });
    await run.start();
    const task = run.task("sign");
    run.setTask({ ...task, status: "done", completedAt: run.now, version: task.version + 1 });
    await run.advance(2 * 3_600_000);
    expect(run.latest("sign").status).toBe("completed");
    expect(run.bundle.runStatus).toBe("completed");
  });

  it("fails a person step whose task was archived outside the run with TaskClosedError", async () => {
    const run = coreRun({
      ...base,
      workflowId: "closed",
      tasks: [{ refId: "sign", description: "s" }],
      steps: [{ stepId: "sign", taskId: "sign" }],
    });
    await run.start();
    run.setTask({ ...run.task("sign"), status: "archived" });
    await run.wake();
    expect(run.latest("sign").error?.type).toBe("TaskClosedError");
    expect(run.bundle.runStatus).toBe("failed");
  });

  it("joins branches named like Object's own properties only when they have ended", async () => {
    const run = coreRun({
      ...base,
      workflowId: "names",
      tasks: [{ refId: "wait", description: "w" }, set("quick", { q: 1 })],
      steps: [
        {
          stepId: "p",
          parallelBranches: [
            { branchId: "constructor", steps: [{ stepId: "slow", taskId: "wait" }] },
            { branchId: "toString", steps: [{ stepId: "quick", taskId: "quick" }] },
          ],
        },
      ],
    });
    await run.start();
    expect(run.latest("p").status).toBe("running");
    await run.completeTask("slow");
    expect(run.latest("p").status).toBe("completed");
  });

  it("fails a step whose action output no store can keep, so a handler can route it", async () => {
    const run = coreRun({
      ...base,
      workflowId: "infinite",
      tasks: [
        {
          refId: "divide",
          description: "d",
          action: { type: "variables.set", config: { expressions: { x: "1.0 / 0.0" } } },
        },
        set("caught", { caught: true }),
      ],
      steps: [
        {
          stepId: "divide",
          taskId: "divide",
          onFailure: { errorHandler: { conditions: [{ errorCode: "OUTPUT_NOT_STORABLE", nextStepId: "caught" }] } },
        },
        { stepId: "caught", taskId: "caught" },
      ],
    });
    await run.start();
    expect(run.latest("divide").error).toMatchObject({ type: "ActionError", code: "OUTPUT_NOT_STORABLE" });
    expect(run.bundle.variables).toEqual({ caught: true });
  });

  it("keeps error messages within what the store holds", async () => {
    const run = coreRun(
      {
        ...base,
        workflowId: "long",
        tasks: [set("a", {}), set("b", { b: 1 })].map((t, i) =>
          i === 0 ? { ...t, action: { type: "variables.set", config: { expressions: { s: "input.s" } } } } : t,
        ),
        steps: [
          { stepId: "a", taskId: "a", next: [{ nextStepId: "b", condition: "data.s" }] },
          { stepId: "b", taskId: "b" },
        ],
      },
      { input: { s: "x".repeat(3000) } },
    );
    await run.start();
    expect(run.latest("a").error?.type).toBe("ConditionError");
    expect(run.latest("a").error?.message.length).toBeLessThanOrEqual(2000);
  });

  it("fails a run that loops past 2,000 attempts with LimitError", async () => {
    const run = coreRun({
      ...base,
      workflowId: "spin",
      tasks: [set("spin", { n: 1 }), set("never", {})].map((t, i) =>
        i === 1 ? { ...t, action: { type: "variables.set", config: { values: { never: 1 } } } } : t,
      ),
      steps: [
        {
          stepId: "spin",
          taskId: "spin",
          next: [{ nextStepId: "spin", condition: "data.n == 1" }, { nextStepId: "never" }],
        },
        { stepId: "never", taskId: "never" },
      ],
    });
    await run.start();
    expect(run.bundle).toMatchObject({ runStatus: "failed", error: { type: "LimitError" } });
    expect(run.records()).toHaveLength(2000);
  });
});
