import type { Ctx } from "../domain/ctx.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { type FileRecord, UploadFileInput } from "../domain/file-record.js";
import { objectKey } from "../storage/file-storage.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

export type Upload = { taskId: unknown; category?: unknown; file: unknown };
type UploadedFile = { name: string; type: string; size: number; stream(): ReadableStream<Uint8Array> };

const isFile = (value: unknown): value is UploadedFile =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as UploadedFile).stream === "function" &&
  typeof (value as UploadedFile).name === "string";

/** Keeps a readable, harmless name for display and downloads; storage never sees it. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const unsafe = (ch: string) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"<>|:*?'.includes(ch);
  const cleaned = [...base]
    .map((ch) => (unsafe(ch) ? "_" : ch))
    .join("")
    .replace(/^\.+/, "")
    .slice(0, 255);
  return cleaned || "upload";
}

/** Stores an uploaded file for a task through the configured storage, checksum computed on the way. */
export async function uploadFile(ctx: Ctx, upload: Upload): Promise<FileRecord> {
  const actor = requireRole(ctx, "operator");
  if (!isFile(upload.file))
    throw new ValidationError("file is required (multipart field 'file')", {
      issues: [{ path: "file", message: "required" }],
    });
  // The record's own schema, before any byte is stored: the file part's type is the client's to choose.
  const input = parseInput(UploadFileInput, {
    taskId: upload.taskId,
    category: upload.category,
    filename: displayName(upload.file.name),
    contentType: upload.file.type || "application/octet-stream",
  });
  const task = found(await ctx.repo.tasks.get(input.taskId), "task", input.taskId);
  if (!ctx.storage) {
    throw new ConflictError(
      "no file storage is configured here: set ARTIFACTS_BUCKET (local disk is allowed only in development and test, or with WORK_ENGINE_LOCAL_STORAGE=true)",
    );
  }
  const fileId = ctx.ids.next("file");
  const stored = await ctx.storage.put(
    objectKey(task.taskId, fileId),
    upload.file.stream(),
    input.contentType,
    ctx.policy.maxFileBytes,
  );
  const record: FileRecord = {
    fileId,
    taskId: task.taskId,
    bundleId: task.bundleId,
    filename: input.filename,
    contentType: input.contentType,
    ...stored,
    category: input.category,
    uploadedBy: actor.userId,
    createdAt: ctx.clock.now(),
  };
  try {
    return await ctx.repo.files.create(
      record,
      auditEvent(ctx, "file", fileId, "uploaded", {
        after: { taskId: task.taskId, sizeBytes: record.sizeBytes, checksum: record.checksum },
      }),
    );
  } catch (error) {
    await ctx.storage.remove(stored.storageUri).catch(() => undefined); // no bytes without a record
    throw error;
  }
}
