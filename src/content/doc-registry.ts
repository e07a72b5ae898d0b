import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { fieldIssues } from "../domain/validation-issues.js";
import type { ContentProblem } from "./content-problem.js";

const DocFrontmatter = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lowercase slug"),
  title: z.string().min(1),
  steps: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) })).default([]),
});

export type ProcessDoc = z.infer<typeof DocFrontmatter> & { path: string };
export type DocRegistry = Map<string, ProcessDoc>;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Reads `content/docs/*.md` and indexes each by its frontmatter `id`. */
export async function loadDocRegistry(contentDir: string, problems: ContentProblem[]): Promise<DocRegistry> {
  const registry: DocRegistry = new Map();
  const dir = join(contentDir, "docs");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".md")).sort();
  for (const name of names) {
    const path = relative(process.cwd(), join(dir, name));
    const match = FRONTMATTER.exec(await readFile(join(dir, name), "utf8"));
    if (!match) {
      problems.push({ file: path, path: "(frontmatter)", message: "missing frontmatter with an id" });
      continue;
    }
    let data: unknown;
    try {
      data = parse(match[1] ?? "");
    } catch (error) {
      problems.push({ file: path, path: "(frontmatter)", message: (error as Error).message });
      continue;
    }
    const parsed = DocFrontmatter.safeParse(data);
    if (!parsed.success) {
      for (const issue of fieldIssues(parsed.error)) problems.push({ file: path, ...issue });
      continue;
    }
    const existing = registry.get(parsed.data.id);
    if (existing) {
      problems.push({
        file: path,
        path: "id",
        message: `duplicate doc id '${parsed.data.id}' (also in ${existing.path})`,
      });
      continue;
    }
    registry.set(parsed.data.id, { ...parsed.data, path });
  }
  return registry;
}
