import { checkWorkflow } from "../content/check-workflow.js";
import type { ContentProblem } from "../content/content-problem.js";
import { loadDocRegistry } from "../content/doc-registry.js";
import type { WorkflowDefinition } from "../domain/workflow-definition.js";

/**
 * What content:check asks of a schema-valid definition beyond its schema (the workflow and graph
 * checks, action configs, doc references), against the docs in `contentDir`.
 */
export async function checkDefinition(
  definition: WorkflowDefinition,
  file: string,
  contentDir: string,
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const docs = await loadDocRegistry(contentDir, problems);
  problems.push(...checkWorkflow(definition, file, docs));
  return problems;
}
