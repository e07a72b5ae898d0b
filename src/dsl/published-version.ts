import type { WorkflowVersion } from "../domain/workflow-version.js";
import type { WorkflowVersionStore } from "../repositories/repository.js";

const PAGE = 50;

/** Version number `version` of a workflow: pages newest first, stopping once past it. */
export async function findPublishedVersion(
  versions: WorkflowVersionStore,
  workflowId: string,
  version: number,
): Promise<WorkflowVersion | undefined> {
  let cursor: string | undefined;
  do {
    const page = await versions.listByWorkflow(workflowId, { limit: PAGE, cursor });
    for (const item of page.items) {
      if (item.version === version) return item;
      if (item.version < version) return undefined;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}
