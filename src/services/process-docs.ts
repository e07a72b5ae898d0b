import { readFile } from "node:fs/promises";
import type { ProcessDoc } from "../content/doc-registry.js";
import type { Ctx } from "../domain/ctx.js";
import { found, requireRole } from "./access.js";

/** A process doc of the registry with its text as written in Git (undefined when the file cannot be read here). */
export async function readProcessDoc(ctx: Ctx, docId: string): Promise<{ doc: ProcessDoc; text?: string }> {
  requireRole(ctx, "viewer");
  const doc = found(ctx.catalog.docs.get(docId), "processDoc", docId);
  return { doc, text: await readFile(doc.path, "utf8").catch(() => undefined) };
}
