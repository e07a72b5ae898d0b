import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";

/** Test-only graph workflows calling a local server at `origin` (and, refused, the same port as `localhost`). */
export function httpWorkflows(origin: string, port: number) {
  const base = { name: "http", type: "test", stages: ["preparation", "done"] };
  const call = (refId: string, config: Record<string, unknown>) => ({
    refId,
    description: `call ${refId}`,
    action: { type: "http.request", config },
  });
  const set = (refId: string, values: Record<string, unknown>) => ({
    refId,
    description: `set ${refId}`,
    action: { type: "variables.set", config: { values } },
  });
  const retryEvery10s = { maxAttempts: 3, delay: "PT10S", strategy: "fixed", jitter: "none" } as const;

  const post: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-post",
    tasks: [
      call("order", {
        method: "POST",
        url: `${origin}/orders`,
        headers: { "X-Source": "work-engine" },
        body: { type: "jsonata", expression: "{'order': input.orderId, 'total': input.amount * 2}" },
      }),
      {
        refId: "remember",
        description: "remember",
        action: {
          type: "variables.set",
          config: { expressions: { accepted: "data.body.accepted", code: "data.status" } },
        },
      },
    ],
    steps: [
      { stepId: "order", taskId: "order", next: [{ nextStepId: "remember" }] },
      { stepId: "remember", taskId: "remember" },
    ],
  };

  const refused: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-refused",
    tasks: [call("ping", { url: `http://localhost:${port}/refused` })],
    steps: [{ stepId: "ping", taskId: "ping" }],
  };

  /** Retried on its 503, by the retry policy. */
  const flaky: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-flaky",
    tasks: [call("flaky", { url: `${origin}/flaky` }), set("done", { recovered: true })],
    steps: [
      { stepId: "flaky", taskId: "flaky", retryPolicy: retryEvery10s, next: [{ nextStepId: "done" }] },
      { stepId: "done", taskId: "done" },
    ],
  };

  /** Always 503: once the attempts are spent, the handler for errorCode HTTP_503 (not the one for 500) takes it. */
  const unavailable: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-unavailable",
    tasks: [
      call("down", { url: `${origin}/down` }),
      set("on-server-error", { route: "server-error" }),
      set("on-unavailable", { route: "unavailable" }),
    ],
    steps: [
      {
        stepId: "down",
        taskId: "down",
        retryPolicy: { ...retryEvery10s, maxAttempts: 2 },
        onFailure: {
          errorHandler: {
            conditions: [
              { errorCode: "HTTP_500", nextStepId: "onServerError" },
              { errorType: "HttpError", errorCode: "HTTP_503", nextStepId: "onUnavailable" },
            ],
          },
        },
      },
      { stepId: "onServerError", taskId: "on-server-error" },
      { stepId: "onUnavailable", taskId: "on-unavailable" },
    ],
  };

  /** The server holds the response past the config's timeout; the TimeoutError is routed. */
  const slow: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-slow",
    tasks: [call("slow", { url: `${origin}/slow`, timeout: "PT0.3S" }), set("on-timeout", { route: "timeout" })],
    steps: [
      {
        stepId: "slow",
        taskId: "slow",
        onFailure: { errorHandler: { conditions: [{ errorType: "TimeoutError", nextStepId: "onTimeout" }] } },
      },
      { stepId: "onTimeout", taskId: "on-timeout" },
    ],
  };

  /** A worker dies after the request and before recording it: the attempt is delivered again. */
  const redelivered: WorkflowDefinitionInput = {
    ...base,
    workflowId: "http-redelivered",
    tasks: [
      call("charge", { method: "POST", url: `${origin}/charge`, body: { type: "jmespath", expression: "input" } }),
    ],
    steps: [{ stepId: "charge", taskId: "charge", retryPolicy: retryEvery10s }],
  };

  return { post, refused, flaky, unavailable, slow, redelivered };
}
