import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Ctx } from "../domain/ctx.js";
import { ConflictError } from "../domain/errors.js";
import type { ExportSummary } from "../domain/export-summary.js";
import { requireRole } from "./access.js";
import { type ExportManifest, exportStore } from "./export-store.js";

/** The configured export directory and source, or 409 where this context has none. */
export function exportTarget(ctx: Ctx): NonNullable<Ctx["exports"]> {
  if (!ctx.exports) {
    throw new ConflictError(
      "this deployment writes no exports (on AWS Lambda the disk is not kept): run npm run export",
    );
  }
  return ctx.exports;
}

export function summaryOf(name: string, manifest: ExportManifest): ExportSummary {
  return { name, createdAt: manifest.generated_at, counts: manifest.entity_counts };
}

/**
 * A backup while the server runs (admin): the same export as `npm run export`, into a new directory
 * under EXPORT_DIR. The name starts with the time, so names sort by age; the random tail keeps two
 * exports in the same millisecond apart, and exportStore never writes over an existing directory.
 */
export async function createExport(ctx: Ctx): Promise<ExportSummary> {
  requireRole(ctx, "admin");
  const { dir, source } = exportTarget(ctx);
  const createdAt = ctx.clock.now();
  const name = `${createdAt.replace(/:/g, "-")}-${randomBytes(4).toString("hex")}`;
  return summaryOf(name, await exportStore(ctx.repo, join(dir, name), source, createdAt));
}
