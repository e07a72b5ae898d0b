import type { Ctx } from "../domain/ctx.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { found, requireRole } from "./access.js";

/** The workflow's current version, with its task definitions. */
export async function getWorkflow(ctx: Ctx, workflowId: string): Promise<WorkflowVersion> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.workflowVersions.getLatest(workflowId), "workflow", workflowId);
}

/** Every published version, newest first. */
export async function listWorkflowVersions(
  ctx: Ctx,
  workflowId: string,
  page: PageRequest,
): Promise<Page<WorkflowVersion>> {
  await getWorkflow(ctx, workflowId);
  return ctx.repo.workflowVersions.listByWorkflow(workflowId, page);
}
