import { describe, expect, it } from "vitest";
import { coreRun } from "./core-harness.js";

const set = (refId: string, values: Record<string, unknown>) => ({
  refId,
  description: `set ${refId}`,
  action: { type: "variables.set", config: { values } },
});
const person = (refId: string, outcomes?: string[]) => ({ refId, description: `do ${refId}`, outcomes });
const base = { name: "t", type: "test", stages: ["preparation", "review", "done"] };

describe("engine core: order, conditions, people", () => {
  it("runs a linear graph to completion, one attempt per step, variables merged", async () => {
    const run = coreRun({
      ...base,
      workflowId: "linear",
      tasks: [set("a", { one: 1 }), set("b", { two: 2 }), set("c", { three: 3 })],
      steps: [
        { stepId: "a", taskId: "a", next: [{ nextStepId: "b" }] },
        { stepId: "b", taskId: "b", next: [{ nextStepId: "c" }] },
        { stepId: "c", taskId: "c" },
      ],
    });
    await run.start();
    expect(run.bundle.runStatus).toBe("completed");
    expect(run.bundle.status).toBe("completed");
    expect(run.bundle.stage).toBe("done");
    expect(run.bundle.variables).toEqual({ one: 1, two: 2, three: 3 });
    expect(run.records().map((r) => [r.stepId, r.attempt, r.status])).toEqual([
      ["a", 1, "completed"],
      ["b", 1, "completed"],
      ["c", 1, "completed"],
    ]);
    expect(run.bundle.runWakeAt).toBeUndefined();
  });

  it.each([
    [1500, "approveRequest"],
    [1000, "autoApprove"],
    [12.5, "autoApprove"],
  ])("routes amount %s to %s with the seed's conditions as written", async (amount, expected) => {
    const run = coreRun(
      {
        ...base,
        workflowId: "amount",
        tasks: [
          {
            refId: "receive",
            description: "r",
            action: { type: "variables.set", config: { expressions: { amount: "data.amount" } } },
          },
          person("approve", ["approved", "rejected"]),
          set("auto", { decision: "approved" }),
        ],
        steps: [
          {
            stepId: "receive",
            taskId: "receive",
            next: [
              { nextStepId: "approveRequest", condition: "data.amount > 1000" },
              { nextStepId: "autoApprove", condition: "data.amount <= 1000" },
            ],
          },
          { stepId: "approveRequest", taskId: "approve" },
          { stepId: "autoApprove", taskId: "auto" },
        ],
      },
      { input: { amount } },
    );
    await run.start();
    expect(run.of(expected)).toHaveLength(1);
    expect(run.of(expected === "autoApprove" ? "approveRequest" : "autoApprove")).toHaveLength(0);
  });

  it("waits for a person, then hands their outcome on as data", async () => {
    const run = coreRun({
      ...base,
      workflowId: "approval",
      tasks: [
        person("approve", ["approved", "rejected"]),
        {
          refId: "record",
          description: "r",
          action: { type: "variables.set", config: { expressions: { decision: "data.outcome" } } },
        },
      ],
      steps: [
        { stepId: "approve", taskId: "approve", next: [{ nextStepId: "record" }] },
        { stepId: "record", taskId: "record" },
      ],
    });
    await run.start();
    expect(run.bundle.runStatus).toBe("waiting");
    expect(run.latest("approve").status).toBe("waiting");
    const task = run.task("approve");
    expect(task).toMatchObject({ status: "todo", outcomes: ["approved", "rejected"], source: "workflow" });
    expect(task.stepExecutionId).toBe(run.latest("approve").stepExecutionId);
    expect(run.bundle).toMatchObject({ taskCount: 1, openTaskCount: 1 });
    await run.completeTask("approve", { outcome: "rejected", completedBy: "usr_boss" });
    expect(run.latest("approve").output).toMatchObject({ outcome: "rejected", completedBy: "usr_boss" });
    expect(run.bundle.variables).toEqual({ decision: "rejected" });
    expect(run.bundle.runStatus).toBe("completed");
  });

  it("fails a step with TransitionError when no transition matches, and ConditionError when one cannot be read", async () => {
    const def = (condition: string) => ({
      ...base,
      workflowId: "nomatch",
      tasks: [set("a", { n: 1 }), set("b", {})].map((t, i) =>
        i === 1 ? { ...t, action: { type: "variables.set", config: { values: { b: 1 } } } } : t,
      ),
      steps: [
        { stepId: "a", taskId: "a", next: [{ nextStepId: "b", condition }] },
        { stepId: "b", taskId: "b" },
      ],
    });
    const none = coreRun(def("data.n > 5"));
    await none.start();
    expect(none.latest("a")).toMatchObject({ status: "failed", error: { type: "TransitionError" }, output: { n: 1 } });
    expect(none.bundle).toMatchObject({ runStatus: "failed", error: { type: "TransitionError", stepId: "a" } });
    const unreadable = coreRun(def("data.nothing.here > 5"));
    await unreadable.start();
    expect(unreadable.latest("a").error?.type).toBe("ConditionError");
    expect(unreadable.latest("a").error?.message).toContain("data.nothing.here > 5");
  });

  it("gives a looped step a new visit with fresh attempts", async () => {
    const run = coreRun({
      ...base,
      workflowId: "loop",
      tasks: [person("edit", ["again", "done"])],
      steps: [
        {
          stepId: "edit",
          taskId: "edit",
          next: [{ nextStepId: "edit", condition: "data.outcome == 'again'" }, { nextStepId: "edit2" }],
        },
        { stepId: "edit2", taskId: "edit" },
      ],
    });
    await run.start();
    await run.completeTask("edit", { outcome: "again" });
    await run.completeTask("edit", { outcome: "done" });
    expect(run.of("edit").map((r) => [r.visit, r.attempt, r.status])).toEqual([
      [1, 1, "completed"],
      [2, 1, "completed"],
    ]);
    expect(run.latest("edit2").status).toBe("waiting");
    expect(new Set(run.records().map((r) => r.stepExecutionId)).size).toBe(3);
  });

  it("cancels a live run: attempts canceled, open tasks archived, bundle canceled", async () => {
    const run = coreRun({ ...base, workflowId: "cancel", tasks: [person("a")], steps: [{ stepId: "a", taskId: "a" }] });
    await run.start();
    await run.cancel();
    expect(run.latest("a").status).toBe("canceled");
    expect(run.task("a").status).toBe("archived");
    expect(run.bundle).toMatchObject({ runStatus: "canceled", status: "canceled", openTaskCount: 0 });
    expect(run.bundle.runWakeAt).toBeUndefined();
  });

  it("retries a failed run from its failed step, as a new visit", async () => {
    const run = coreRun({
      ...base,
      workflowId: "retry-run",
      tasks: [set("a", { a: 1 }), person("b"), set("c", { c: 1 })],
      steps: [
        { stepId: "a", taskId: "a", next: [{ nextStepId: "b" }] },
        { stepId: "b", taskId: "b", timeout: "PT1H", next: [{ nextStepId: "c" }] },
        { stepId: "c", taskId: "c" },
      ],
    });
    await run.start();
    await run.advance();
    expect(run.bundle).toMatchObject({ runStatus: "failed", error: { type: "TimeoutError", stepId: "b" } });
    expect(run.task("b").status).toBe("archived");
    await run.retry();
    expect(run.bundle.runStatus).toBe("waiting");
    expect(run.bundle.error).toBeUndefined();
    expect(run.latest("b")).toMatchObject({ visit: 2, attempt: 1, status: "waiting" });
    expect(run.of("a")).toHaveLength(1);
    await run.completeTask("b");
    expect(run.bundle.runStatus).toBe("completed");
  });

  it("waits out a delay on a persisted timer, then passes its input on", async () => {
    const run = coreRun(
      {
        ...base,
        workflowId: "delay",
        tasks: [
          { refId: "pause", description: "p", action: { type: "delay", config: { duration: "PT90S" } } },
          set("after", { after: 1 }),
        ],
        steps: [
          { stepId: "pause", taskId: "pause", next: [{ nextStepId: "after" }] },
          { stepId: "after", taskId: "after" },
        ],
      },
      { input: { keep: "me" } },
    );
    await run.start();
    expect(run.latest("pause")).toMatchObject({ status: "waiting", wakeAt: "2026-03-02T09:01:30.000Z" });
    expect(run.bundle).toMatchObject({ runStatus: "waiting", runWakeAt: "2026-03-02T09:01:30.000Z" });
    await run.advance(60_000);
    expect(run.latest("pause").status).toBe("waiting");
    await run.advance();
    expect(run.latest("pause")).toMatchObject({ status: "completed", output: { keep: "me" } });
    expect(run.bundle.runStatus).toBe("completed");
  });
});
