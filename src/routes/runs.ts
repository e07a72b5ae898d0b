import { createRoute, z } from "@hono/zod-openapi";
import { RunError, RunStatus, TriggerType } from "../domain/bundle.js";
import { ListRunLogsQuery } from "../domain/list-queries.js";
import { RunLogEntry, RunLogSummary } from "../domain/run-log.js";
import { StepExecution } from "../domain/step-execution.js";
import { listRunLogs } from "../engine/run-log-queries.js";
import { cancelRun, getRun, RunActionInput, retryRun } from "../engine/run-service.js";
import { router } from "./app-env.js";
import { access, IdParams, json, NoOptions, optionalBody, pageOf, responses } from "./route-kit.js";

const RunState = z.object({
  bundleId: z.string(),
  workflowId: z.string().optional(),
  workflowVersionId: z.string().optional(),
  runStatus: RunStatus,
  input: z.record(z.string(), z.unknown()),
  variables: z.record(z.string(), z.unknown()),
  error: RunError.optional(),
  correlationId: z.string().optional(),
  runWakeAt: z.string().optional(),
  triggerType: TriggerType.optional(),
  triggerEventId: z.string().optional(),
  logSummary: RunLogSummary.optional(),
  version: z.number().int(),
  steps: z.array(StepExecution),
});

/** A graph workflow's run: its state and step attempts; cancel; retry from the failed step. */
export function runRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/bundles/{id}/run",
        summary: "A graph workflow's run: status, input, variables, error and every step attempt",
        ...access("viewer"),
        request: { params: IdParams, query: NoOptions },
        responses: responses({ 200: json(RunState) }),
      }),
      async (c) => c.json(await getRun(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/bundles/{id}/logs",
        summary: "A run's log, oldest first, filtered by level (at or above) and step",
        ...access("viewer"),
        request: { params: IdParams, query: ListRunLogsQuery },
        responses: responses({ 200: json(pageOf(RunLogEntry)) }),
      }),
      async (c) => c.json(await listRunLogs(c.var.ctx, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/bundles/{id}/cancel",
        summary: "Cancel a live run: open attempts are canceled, their tasks archived, the bundle canceled",
        ...access("operator"),
        request: { params: IdParams, query: NoOptions, ...optionalBody(RunActionInput) },
        responses: responses({ 200: json(RunState) }),
      }),
      async (c) => c.json(await cancelRun(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/bundles/{id}/retry",
        summary: "Resume a failed run at the top-level step it failed at",
        ...access("operator"),
        request: { params: IdParams, query: NoOptions, ...optionalBody(RunActionInput) },
        responses: responses({ 200: json(RunState) }),
      }),
      async (c) => c.json(await retryRun(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    );
}
