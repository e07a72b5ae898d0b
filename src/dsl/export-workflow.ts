import { formatProblem } from "../content/content-problem.js";
import { loadContent } from "../content/load-content.js";
import type { WorkflowVersionStore } from "../repositories/repository.js";
import type { DslFormat } from "./dsl-format.js";
import { findPublishedVersion } from "./published-version.js";
import { renderDsl } from "./render-dsl.js";

export type ExportResult = { text: string } | { error: string };

/** The definition as `<contentDir>` holds it now, loaded and checked as `npm start` does. */
export async function exportFromContent(
  contentDir: string,
  workflowId: string,
  format: DslFormat,
): Promise<ExportResult> {
  const { catalog, problems } = await loadContent(contentDir);
  const loaded = catalog.workflows.get(workflowId);
  if (loaded) return { text: renderDsl(loaded.definition, format) };
  const known = [...catalog.workflows.keys()].sort().join(", ") || "none";
  const hint = problems.length > 0 ? `\ncontent problems:\n${problems.map(formatProblem).join("\n")}` : "";
  return { error: `no valid workflow '${workflowId}' in ${contentDir} (valid: ${known})${hint}` };
}

/** Published version `version` of the workflow, as the store keeps it. */
export async function exportPublished(
  versions: WorkflowVersionStore,
  workflowId: string,
  version: number,
  format: DslFormat,
): Promise<ExportResult> {
  const found = await findPublishedVersion(versions, workflowId, version);
  if (found) return { text: renderDsl(found.definition, format) };
  const latest = await versions.getLatest(workflowId);
  return {
    error: latest
      ? `workflow '${workflowId}' has no version ${version} (latest: ${latest.version})`
      : `no published workflow '${workflowId}'`,
  };
}
