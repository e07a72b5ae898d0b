import type { Ctx } from "../domain/ctx.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { auditEvent } from "./audit.js";

export type RegisteredVersion = { version: WorkflowVersion; created: boolean };

/**
 * Publishes every loaded definition as a workflow version: a changed definition gets the next
 * version number, an unchanged one keeps its version. Running bundles stay pinned to theirs.
 */
export async function registerWorkflowVersions(ctx: Ctx): Promise<RegisteredVersion[]> {
  const results: RegisteredVersion[] = [];
  for (const loaded of ctx.catalog.workflows.values()) {
    const workflowVersionId = ctx.ids.next("workflowVersion");
    results.push(
      await ctx.repo.workflowVersions.register(
        {
          workflowVersionId,
          workflowId: loaded.definition.workflowId,
          contentHash: loaded.contentHash,
          sourcePath: loaded.sourcePath,
          definition: loaded.definition,
          createdAt: ctx.clock.now(),
        },
        auditEvent(ctx, "workflowVersion", workflowVersionId, "published"),
      ),
    );
  }
  return results;
}
