import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";

/** Test-only graph workflows for the scenario tests (the content/ ones cover the rest). */
const base = { name: "scenario", type: "test", stages: ["preparation", "review", "done"] };
const set = (refId: string, values: Record<string, unknown>) => ({
  refId,
  description: `set ${refId}`,
  action: { type: "variables.set", config: { values } },
});
/** Fails every time with ValidationError / USER_NOT_FOUND: an assignee that does not exist. */
const failing = (refId: string) => ({
  refId,
  description: `fail ${refId}`,
  action: { type: "task.create", config: { description: "never", assigneeId: "usr_nobody" } },
});

export const linear: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-linear",
  tasks: [
    set("first", { step: 1 }),
    {
      refId: "follow-up",
      description: "f",
      action: { type: "task.create", config: { description: "File the receipt" } },
    },
    {
      refId: "tell",
      description: "t",
      action: { type: "notification.create", config: { message: "linear run done" } },
    },
    { refId: "stage", description: "s", action: { type: "bundle.set-stage", config: { stage: "review" } } },
  ],
  steps: [
    { stepId: "first", taskId: "first", next: [{ nextStepId: "followUp" }] },
    { stepId: "followUp", taskId: "follow-up", next: [{ nextStepId: "stage" }] },
    { stepId: "stage", taskId: "stage", next: [{ nextStepId: "tell" }] },
    { stepId: "tell", taskId: "tell" },
  ],
};

export const caughtBranch: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-branches",
  tasks: [
    failing("legal-check"),
    set("legal-note", { legal: "noted" }),
    { refId: "edit", description: "Edit" },
    set("publish", { published: true }),
  ],
  steps: [
    {
      stepId: "review",
      parallelBranches: [
        {
          branchId: "legal",
          steps: [
            { stepId: "legalCheck", taskId: "legal-check", onFailure: { action: "continue", nextStepId: "legalNote" } },
            { stepId: "legalNote", taskId: "legal-note" },
          ],
        },
        { branchId: "editorial", steps: [{ stepId: "edit", taskId: "edit" }] },
      ],
      next: [{ nextStepId: "publish" }],
    },
    { stepId: "publish", taskId: "publish" },
  ],
};

export const backoff: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-backoff",
  tasks: [failing("flaky"), set("gave-up", { gaveUp: true })],
  steps: [
    {
      stepId: "flaky",
      taskId: "flaky",
      retryPolicy: { maxAttempts: 5, delay: "PT10S", strategy: "exponential", maxDelay: "PT30S", jitter: "none" },
      onFailure: { action: "continue", nextStepId: "gaveUp" },
    },
    { stepId: "gaveUp", taskId: "gave-up" },
  ],
};

export const codes: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-codes",
  tasks: [failing("call"), set("on-type", { route: "type" }), set("on-code", { route: "code" })],
  steps: [
    {
      stepId: "call",
      taskId: "call",
      onFailure: {
        errorHandler: {
          conditions: [
            { errorType: "ValidationError", errorCode: "UNKNOWN_STAGE", nextStepId: "onType" },
            { errorCode: "USER_NOT_FOUND", nextStepId: "onCode" },
          ],
        },
      },
    },
    { stepId: "onType", taskId: "on-type" },
    { stepId: "onCode", taskId: "on-code" },
  ],
};

export const continueAndStop: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-continue-stop",
  tasks: [failing("soft"), failing("hard"), set("after", { after: true })],
  steps: [
    { stepId: "soft", taskId: "soft", onFailure: { action: "continue", nextStepId: "hard" } },
    { stepId: "hard", taskId: "hard", onFailure: { action: "stop" }, next: [{ nextStepId: "after" }] },
    { stepId: "after", taskId: "after" },
  ],
};

export const timedApproval: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-retry-run",
  tasks: [{ refId: "sign", description: "Sign", outcomes: ["signed", "declined"] }, set("filed", { filed: true })],
  steps: [
    { stepId: "sign", taskId: "sign", timeout: "PT4H", next: [{ nextStepId: "filed" }] },
    { stepId: "filed", taskId: "filed" },
  ],
};
