import { execFileSync } from "node:child_process";
import type { ExportSource } from "./export-store.js";

/** The commit of the running code, or "unknown" where there is no git (a Lambda bundle). */
function gitSha(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
}

/** What a manifest records of its origin; shared by `npm run export` and POST /api/exports. */
export function exportSource(backend: string, environment: string): ExportSource {
  return { backend, environment, gitSha: gitSha() };
}
