import { createRoute, z } from "@hono/zod-openapi";
import { WorkflowSummary } from "../domain/workflow-summary.js";
import { listWorkflows } from "../services/list-workflows.js";
import { router } from "./app-env.js";

const WorkflowList = z.object({ items: z.array(WorkflowSummary), nextCursor: z.null() }).openapi("WorkflowList");

export function workflowRoutes() {
  return router().openapi(
    createRoute({
      method: "get",
      path: "/api/workflows",
      summary: "Workflow definitions loaded from content/, with their current version",
      responses: { 200: { description: "Workflows", content: { "application/json": { schema: WorkflowList } } } },
    }),
    async (c) => c.json({ items: await listWorkflows(c.var.ctx), nextCursor: null }, 200),
  );
}
