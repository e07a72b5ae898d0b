import { readFile } from "node:fs/promises";
import type { ContentProblem } from "../content/content-problem.js";
import { checkDefinition } from "./check-definition.js";
import { dslFormatOf } from "./dsl-format.js";
import { parseDsl } from "./parse-dsl.js";
import { renderDsl } from "./render-dsl.js";
import { workflowFileFor, writeWorkflowFile } from "./workflow-file.js";

export type ImportResult = { written: string; workflowId: string } | { problems: ContentProblem[] };

/**
 * Reads a DSL file (YAML, or JSON when it ends in .json), checks it as content:check would, and writes
 * it in canonical YAML into `<contentDir>/workflows/`. Any problem and nothing is written.
 */
export async function importWorkflow(contentDir: string, file: string): Promise<ImportResult> {
  const problems: ContentProblem[] = [];
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { problems: [{ file, path: "(file)", message: (error as Error).message }] };
  }
  const definition = parseDsl(text, dslFormatOf(file), file, problems);
  if (!definition) return { problems };
  problems.push(...(await checkDefinition(definition, file, contentDir)));
  if (problems.length > 0) return { problems };
  const target = await workflowFileFor(contentDir, definition.workflowId);
  if ("problem" in target) return { problems: [target.problem] };
  await writeWorkflowFile(target.path, renderDsl(definition, "yaml"));
  return { written: target.path, workflowId: definition.workflowId };
}
