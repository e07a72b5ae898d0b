import { createRoute, z } from "@hono/zod-openapi";
import { ReadOnlyError } from "../domain/errors.js";
import { PageOnlyQuery } from "../domain/list-queries.js";
import { WorkflowSummary } from "../domain/workflow-summary.js";
import { WorkflowVersion } from "../domain/workflow-version.js";
import { listWorkflows } from "../services/list-workflows.js";
import { getWorkflow, listWorkflowVersions } from "../services/workflow-queries.js";
import { router } from "./app-env.js";
import { access, json, pageOf, responses, WorkflowParams } from "./route-kit.js";

const WorkflowList = z.object({ items: z.array(WorkflowSummary), nextCursor: z.null() }).openapi("WorkflowList");
const READ_ONLY = "workflow definitions are read-only here: they are reviewed in Git under content/workflows/";

export function workflowRoutes() {
  const app = router()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/workflows",
        summary: "Workflow definitions loaded from content/, with their current version",
        ...access("viewer"),
        responses: responses({ 200: json(WorkflowList) }),
      }),
      async (c) => c.json({ items: await listWorkflows(c.var.ctx), nextCursor: null }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/workflows/{workflowId}",
        summary: "The current version of a workflow, with its task definitions",
        ...access("viewer"),
        request: { params: WorkflowParams },
        responses: responses({ 200: json(WorkflowVersion) }),
      }),
      async (c) => c.json(await getWorkflow(c.var.ctx, c.req.valid("param").workflowId), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/workflows/{workflowId}/versions",
        summary: "Every published version, newest first",
        ...access("viewer"),
        request: { params: WorkflowParams, query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(WorkflowVersion)) }),
      }),
      async (c) =>
        c.json(await listWorkflowVersions(c.var.ctx, c.req.valid("param").workflowId, c.req.valid("query")), 200),
    );
  for (const path of ["/api/workflows", "/api/workflows/{workflowId}"]) {
    for (const method of ["post", "put", "patch", "delete"] as const) {
      app.openapi(
        createRoute({
          method,
          path,
          summary: "Refused: definitions are authored in Git",
          ...access("viewer"),
          responses: responses({ 405: json(z.object({}), "read_only") }),
        }),
        () => {
          throw new ReadOnlyError(READ_ONLY);
        },
      );
    }
  }
  return app;
}
