import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { sha256Of } from "../domain/canonical-json.js";
import { fieldIssues } from "../domain/validation-issues.js";
import { WorkflowDefinition } from "../domain/workflow-definition.js";
import type { ContentProblem } from "./content-problem.js";

export type LoadedWorkflow = { definition: WorkflowDefinition; sourcePath: string; contentHash: string };

export function contentHash(definition: WorkflowDefinition): string {
  return sha256Of(definition);
}

/** Parses and schema-validates every `content/workflows/*.yaml`; problems name file and path. */
export async function loadWorkflowFiles(contentDir: string, problems: ContentProblem[]): Promise<LoadedWorkflow[]> {
  const dir = join(contentDir, "workflows");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const loaded: LoadedWorkflow[] = [];
  for (const name of names) {
    const file = relative(process.cwd(), join(dir, name));
    let data: unknown;
    try {
      data = parse(await readFile(join(dir, name), "utf8"));
    } catch (error) {
      problems.push({ file, path: "(yaml)", message: (error as Error).message.split("\n")[0] ?? "invalid YAML" });
      continue;
    }
    const parsed = WorkflowDefinition.safeParse(data);
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error)) problems.push({ file, ...issue });
      continue;
    }
    loaded.push({ definition: parsed.data, sourcePath: file, contentHash: contentHash(parsed.data) });
  }
  return loaded;
}
