import { checkWorkflow } from "./check-workflow.js";
import type { ContentProblem } from "./content-problem.js";
import { type DocRegistry, loadDocRegistry } from "./doc-registry.js";
import { type LoadedWorkflow, loadWorkflowFiles } from "./load-workflows.js";

export type ContentCatalog = { workflows: Map<string, LoadedWorkflow>; docs: DocRegistry };

/** Loads docs and workflow definitions from a content directory and checks them together. */
export async function loadContent(
  contentDir: string,
): Promise<{ catalog: ContentCatalog; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const docs = await loadDocRegistry(contentDir, problems);
  const workflows = new Map<string, LoadedWorkflow>();
  for (const loaded of await loadWorkflowFiles(contentDir, problems)) {
    const id = loaded.definition.workflowId;
    const clash = workflows.get(id);
    if (clash) {
      problems.push({
        file: loaded.sourcePath,
        path: "workflowId",
        message: `duplicate workflowId '${id}' (also in ${clash.sourcePath})`,
      });
      continue;
    }
    const found = checkWorkflow(loaded.definition, loaded.sourcePath, docs);
    problems.push(...found);
    if (found.length === 0) workflows.set(id, loaded);
  }
  return { catalog: { workflows, docs }, problems };
}
