import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../src/engine/retry-delay.js";
import { coreRun } from "./core-harness.js";

const set = (refId: string, values: Record<string, unknown>) => ({
  refId,
  description: `set ${refId}`,
  action: { type: "variables.set", config: { values } },
});
const person = (refId: string) => ({ refId, description: `do ${refId}` });
const failing = (refId: string) => ({
  refId,
  description: `fail ${refId}`,
  action: { type: "variables.set", config: { expressions: { x: "data.missing.field" } } },
});
const base = { name: "t", type: "test", stages: ["preparation", "done"] };
const SECOND = 1000;

describe("engine core: retries, timeouts, handlers, branches", () => {
  it("spaces exponential retries by the formula, capped at maxDelay, then runs onFailure", async () => {
    const run = coreRun({
      ...base,
      workflowId: "backoff",
      tasks: [failing("flaky"), set("handled", { handled: true })],
      steps: [
        {
          stepId: "flaky",
          taskId: "flaky",
          retryPolicy: { maxAttempts: 5, delay: "PT10S", strategy: "exponential", maxDelay: "PT30S" },
          onFailure: { action: "continue", nextStepId: "handled" },
        },
        { stepId: "handled", taskId: "handled" },
      ],
    });
    await run.start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = Date.parse(run.now);
      await run.advance();
      waits.push((Date.parse(run.now) - before) / SECOND);
    }
    expect(waits).toEqual([10, 20, 30, 30]);
    expect(run.of("flaky").map((r) => [r.attempt, r.status])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "failed"],
      [4, "failed"],
      [5, "failed"],
    ]);
    expect(run.latest("flaky").error).toMatchObject({ type: "ExpressionError", code: "EXPRESSION_FAILED" });
    expect(run.latest("handled").input).toMatchObject({ error: { type: "ExpressionError" }, stepId: "flaky" });
    expect(run.bundle.runStatus).toBe("completed");
  });

  it("computes delays: fixed, exponential with backoffRate, and full jitter within [0, wait)", () => {
    expect(retryDelayMs({ maxAttempts: 3, delay: "PT5M", strategy: "fixed", jitter: "none" }, 2, Math.random)).toBe(
      300_000,
    );
    const rate3 = {
      maxAttempts: 5,
      delay: "PT1S",
      strategy: "exponential" as const,
      backoffRate: 3,
      jitter: "none" as const,
    };
    expect([1, 2, 3].map((n) => retryDelayMs(rate3, n, Math.random))).toEqual([1000, 3000, 9000]);
    const jitter = { ...rate3, jitter: "full" as const };
    expect(retryDelayMs(jitter, 3, () => 0.5)).toBe(4500);
    expect(retryDelayMs(jitter, 3, () => 0)).toBe(0);
  });

  it("times a person out with TimeoutError, retries it as a new task, then routes it by errorType", async () => {
    const run = coreRun({
      ...base,
      workflowId: "timeout",
      tasks: [person("review"), set("escalate", { escalated: true })],
      steps: [
        {
          stepId: "review",
          taskId: "review",
          timeout: "PT1H",
          retryPolicy: { maxAttempts: 2, delay: "PT10M" },
          onFailure: { errorHandler: { conditions: [{ errorType: "TimeoutError", nextStepId: "escalate" }] } },
        },
        { stepId: "escalate", taskId: "escalate" },
      ],
    });
    await run.start();
    const firstTask = run.task("review");
    await run.advance(); // the hour passes
    expect(run.of("review").map((r) => r.status)).toEqual(["failed", "pending"]);
    expect(run.of("review")[0]?.error?.type).toBe("TimeoutError");
    await run.advance(); // the retry delay passes: a new task
    expect(run.task("review").taskId).not.toBe(firstTask.taskId);
    await run.advance(); // the second hour passes
    expect(run.bundle.variables).toEqual({ escalated: true });
    expect(run.bundle.runStatus).toBe("completed");
    expect(run.bundle.openTaskCount).toBe(0);
  });

  it("routes on errorCode before errorType, in order, and stops when nothing matches", async () => {
    const def = () => ({
      ...base,
      workflowId: "codes",
      tasks: [
        { refId: "call", description: "call", action: { type: "variables.set", config: { values: { called: true } } } },
        set("on-busy", { route: "busy" }),
        set("on-http", { route: "http" }),
      ],
      steps: [
        {
          stepId: "call",
          taskId: "call",
          onFailure: {
            action: "stop" as const,
            errorHandler: {
              conditions: [
                { errorType: "HttpError", errorCode: "HTTP_503", nextStepId: "onBusy" },
                { errorType: "HttpError", nextStepId: "onHttp" },
              ],
            },
          },
        },
        { stepId: "onBusy", taskId: "on-busy" },
        { stepId: "onHttp", taskId: "on-http" },
      ],
    });
    for (const [code, route] of [
      ["HTTP_503", "busy"],
      ["HTTP_404", "http"],
    ] as const) {
      const run = coreRun(def(), { hold: ["call"] });
      await run.start();
      await run.result("call", { status: "failed", error: { type: "HttpError", code, message: "no" } });
      expect(run.bundle.variables).toEqual({ route });
    }
    const stop = coreRun(def(), { hold: ["call"] });
    await stop.start();
    await stop.result("call", { status: "failed", error: { type: "OtherError", message: "no" } });
    expect(stop.bundle).toMatchObject({ runStatus: "failed", error: { type: "OtherError", stepId: "call" } });
  });

  it("continue without nextStepId ends the path; the workflow-level onFailure covers steps without one", async () => {
    const run = coreRun({
      ...base,
      workflowId: "levels",
      onFailure: { action: "continue", nextStepId: "cleanup" },
      tasks: [failing("a"), set("cleanup", { cleaned: true })],
      steps: [
        { stepId: "a", taskId: "a" },
        { stepId: "cleanup", taskId: "cleanup" },
      ],
    });
    await run.start();
    expect(run.latest("a").status).toBe("failed");
    expect(run.bundle).toMatchObject({ runStatus: "completed", variables: { cleaned: true } });
  });

  const review = (legalHandler: boolean) => ({
    ...base,
    workflowId: "parallel",
    tasks: [
      failing("legal-check"),
      person("edit"),
      set("legal-note", { legal: "skipped" }),
      set("publish", { published: true }),
    ],
    steps: [
      {
        stepId: "review",
        parallelBranches: [
          {
            branchId: "legal",
            steps: [
              {
                stepId: "legalCheck",
                taskId: "legal-check",
                ...(legalHandler ? { onFailure: { action: "continue" as const, nextStepId: "legalNote" } } : {}),
              },
              { stepId: "legalNote", taskId: "legal-note" },
            ],
          },
          { branchId: "editorial", steps: [{ stepId: "edit", taskId: "edit" }] },
        ],
        next: [{ nextStepId: "publish" }],
      },
      { stepId: "publish", taskId: "publish" },
    ],
  });

  it("joins parallel branches, outputs by branchId in declaration order, when a branch's handler catches its error", async () => {
    const run = coreRun(review(true));
    await run.start();
    expect(run.latest("review").status).toBe("running");
    expect(run.latest("legalNote").branchPath).toBe("review.1/legal");
    await run.completeTask("edit", { outcome: undefined, comment: "fine" });
    const joined = run.latest("review");
    expect(joined.status).toBe("completed");
    expect(Object.keys(joined.output ?? {})).toEqual(["legal", "editorial"]);
    expect(joined.output).toMatchObject({ legal: { legal: "skipped" }, editorial: { comment: "fine" } });
    expect(run.bundle).toMatchObject({ runStatus: "completed", variables: { legal: "skipped", published: true } });
  });

  it("fails the parallel step when a branch fails uncaught, cancelling the sibling's open task", async () => {
    const run = coreRun(review(false));
    await run.start();
    expect(run.latest("review")).toMatchObject({ status: "failed", error: { type: "ExpressionError" } });
    expect(run.latest("review").error?.message).toMatch(/^branch legal:/);
    expect(run.latest("edit").status).toBe("canceled");
    expect(run.task("edit").status).toBe("archived");
    expect(run.of("publish")).toHaveLength(0);
    expect(run.bundle).toMatchObject({ runStatus: "failed", error: { stepId: "review" }, openTaskCount: 0 });
  });

  it("ignores a late or repeated result for an attempt already decided", async () => {
    const run = coreRun(
      { ...base, workflowId: "late", tasks: [set("a", { a: 1 })], steps: [{ stepId: "a", taskId: "a" }] },
      { hold: ["a"] },
    );
    await run.start();
    await run.result("a", { status: "completed", output: { first: true } });
    const after = run.bundle.version;
    await run.result("a", { status: "completed", output: { second: true } });
    expect(run.latest("a").output).toEqual({ first: true });
    expect(run.bundle.version).toBe(after);
  });
});
