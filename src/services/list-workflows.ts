import type { Ctx } from "../domain/ctx.js";
import type { WorkflowSummary } from "../domain/workflow-summary.js";
import { requireRole } from "./access.js";

/** The definitions loaded from content/, each with its current published version. */
export async function listWorkflows(ctx: Ctx): Promise<WorkflowSummary[]> {
  requireRole(ctx, "viewer");
  const summaries: WorkflowSummary[] = [];
  for (const loaded of ctx.catalog.workflows.values()) {
    const latest = await ctx.repo.workflowVersions.getLatest(loaded.definition.workflowId);
    if (!latest) continue;
    const { definition } = latest;
    summaries.push({
      workflowId: definition.workflowId,
      name: definition.name,
      description: definition.description,
      type: definition.type,
      tags: definition.tags,
      trigger: definition.trigger,
      taskCount: definition.tasks.length,
      sourcePath: latest.sourcePath,
      currentVersion: {
        workflowVersionId: latest.workflowVersionId,
        version: latest.version,
        contentHash: latest.contentHash,
      },
    });
  }
  return summaries.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}
