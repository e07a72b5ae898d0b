import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A scratch content directory: content/docs copied (doc references resolve), workflows as asked. */
export function tempContent(withWorkflows: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "dsl-content-"));
  cpSync("content/docs", join(dir, "docs"), { recursive: true });
  if (withWorkflows) cpSync("content/workflows", join(dir, "workflows"), { recursive: true });
  else mkdirSync(join(dir, "workflows"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
