import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Ctx } from "../domain/ctx.js";
import { ExportSummary } from "../domain/export-summary.js";
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageLimit } from "../repositories/pagination.js";
import { requireRole } from "./access.js";
import { exportTarget, summaryOf } from "./create-export.js";
import { readManifest } from "./export-validation/read-export.js";

type Position = [createdAt: string, name: string];
const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === "string");

const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
/** Newest first; exports made in the same millisecond by name, so the order is total. */
const newerFirst = (a: Position, b: Position) => descending(a[0], b[0]) || descending(a[1], b[1]);

/** The exports under EXPORT_DIR, newest first, from their manifests (admin). */
export async function listExports(ctx: Ctx, page: PageRequest): Promise<Page<ExportSummary>> {
  requireRole(ctx, "admin");
  const limit = pageLimit(page.limit);
  const after = page.cursor ? decodeCursor(page.cursor, isPosition) : undefined;
  const positionOf = (s: ExportSummary): Position => [s.createdAt, s.name];
  const all = (await readSummaries(exportTarget(ctx).dir)).sort((a, b) => newerFirst(positionOf(a), positionOf(b)));
  const rest = after ? all.filter((s) => newerFirst(after, positionOf(s)) < 0) : all;
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rest.length > limit && last ? encodeCursor(positionOf(last)) : null };
}

/** Every directory holding a readable manifest; anything else in EXPORT_DIR is not listed. */
async function readSummaries(dir: string): Promise<ExportSummary[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return []; // no export made yet
    throw error;
  }
  const summaries: ExportSummary[] = [];
  for (const entry of entries) {
    // Hidden directories are exports still being written (exportStore's partial directories).
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const manifest = readManifest(join(dir, entry.name), () => undefined);
    const parsed = manifest && ExportSummary.safeParse(summaryOf(entry.name, manifest));
    if (parsed?.success) summaries.push(parsed.data);
  }
  return summaries;
}
