import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { sha256Of } from "../domain/canonical-json.js";
import { type WorkflowDefinition, withoutDslVersion } from "../domain/workflow-definition.js";
import { parseDsl } from "../dsl/parse-dsl.js";
import type { ContentProblem } from "./content-problem.js";

export type LoadedWorkflow = { definition: WorkflowDefinition; sourcePath: string; contentHash: string };

/** The hash a published version is known by; `dslVersion` (how the file was written) does not count. */
export function contentHash(definition: WorkflowDefinition): string {
  return sha256Of(withoutDslVersion(definition));
}

/** Parses and schema-validates every `content/workflows/*.yaml`; problems name file and path. */
export async function loadWorkflowFiles(contentDir: string, problems: ContentProblem[]): Promise<LoadedWorkflow[]> {
  const dir = join(contentDir, "workflows");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const loaded: LoadedWorkflow[] = [];
  for (const name of names) {
    const file = relative(process.cwd(), join(dir, name));
    const definition = parseDsl(await readFile(join(dir, name), "utf8"), "yaml", file, problems);
    if (definition) loaded.push({ definition, sourcePath: file, contentHash: contentHash(definition) });
  }
  return loaded;
}
