import type { Ctx } from "../domain/ctx.js";
import { ConflictError } from "../domain/errors.js";
import { deliveryOf, type FileDelivery } from "../domain/file-delivery.js";
import type { FileRecord } from "../domain/file-record.js";
import { ListFilesQuery } from "../domain/list-queries.js";
import type { Page } from "../repositories/pagination.js";
import type { Download } from "../storage/file-storage.js";
import { found, requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

export async function getFile(ctx: Ctx, fileId: string): Promise<FileRecord> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.files.get(fileId), "file", fileId);
}

export async function listFiles(ctx: Ctx, raw: unknown): Promise<Page<FileRecord>> {
  requireRole(ctx, "viewer");
  const { taskId, limit, cursor } = parseInput(ListFilesQuery, raw);
  return ctx.repo.files.listByTask(taskId, { limit, cursor });
}

/**
 * The bytes (local) or a short-lived presigned URL (S3) that is handed out, never stored; either way
 * served with `delivery`, never with the uploader's type unless it is inert.
 */
export async function downloadFile(
  ctx: Ctx,
  fileId: string,
): Promise<{ file: FileRecord; download: Download; delivery: FileDelivery }> {
  const file = await getFile(ctx, fileId);
  if (!ctx.storage || ctx.storage.provider !== file.storageProvider) {
    throw new ConflictError(`this server cannot read ${file.storageProvider} storage`, {
      storageProvider: file.storageProvider,
    });
  }
  const delivery = deliveryOf(file);
  return { file, download: await ctx.storage.download(file.storageUri, delivery), delivery };
}
