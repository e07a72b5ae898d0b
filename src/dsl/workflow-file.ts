import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse } from "yaml";
import type { ContentProblem } from "../content/content-problem.js";

/** The workflowId a YAML file declares, read without the schema (a broken file still names its workflow). */
async function declaredId(path: string): Promise<unknown> {
  try {
    const data: unknown = parse(await readFile(path, "utf8"));
    return typeof data === "object" && data !== null ? (data as { workflowId?: unknown }).workflowId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file under `<contentDir>/workflows/` that holds `workflowId`: the one that defines it now, else
 * `<workflowId>.yaml`. Two files defining it, or a `<workflowId>.yaml` defining another, is a problem.
 */
export async function workflowFileFor(
  contentDir: string,
  workflowId: string,
): Promise<{ path: string } | { problem: ContentProblem }> {
  const dir = join(contentDir, "workflows");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const ids = new Map<string, unknown>();
  for (const name of names) ids.set(name, await declaredId(join(dir, name)));
  const defining = names.filter((name) => ids.get(name) === workflowId);
  const shown = (name: string) => relative(process.cwd(), join(dir, name));
  if (defining.length > 1) {
    const message = `workflowId '${workflowId}' is defined in ${defining.map(shown).join(" and ")}; keep one`;
    return { problem: { file: shown(defining[0] as string), path: "workflowId", message } };
  }
  const name = defining[0] ?? `${workflowId}.yaml`;
  if (ids.has(name) && ids.get(name) !== workflowId) {
    const message = `the file exists and does not define '${workflowId}'; rename it or the workflow`;
    return { problem: { file: shown(name), path: "workflowId", message } };
  }
  return { path: join(dir, name) };
}

/** Writes through a temporary file and a rename, so a reader never sees half a definition. */
export async function writeWorkflowFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, "utf8");
  await rename(temporary, path);
}
