import type { Ctx } from "../domain/ctx.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import type { FileRecord } from "../domain/file-record.js";
import { objectKey } from "../storage/file-storage.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";

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
  if (typeof upload.taskId !== "string" || upload.taskId === "")
    throw new ValidationError("taskId is required", { issues: [{ path: "taskId", message: "required" }] });
  if (!isFile(upload.file))
    throw new ValidationError("file is required (multipart field 'file')", {
      issues: [{ path: "file", message: "required" }],
    });
  if (upload.category !== undefined && (typeof upload.category !== "string" || upload.category.length > 80)) {
    throw new ValidationError("category must be text of at most 80 characters", {
      issues: [{ path: "category", message: "invalid" }],
    });
  }
  const task = found(await ctx.repo.tasks.get(upload.taskId), "task", upload.taskId);
  if (!ctx.storage) {
    throw new ConflictError(
      "no file storage is configured here: set ARTIFACTS_BUCKET (local disk is allowed only in development and test, or with WORK_ENGINE_LOCAL_STORAGE=true)",
    );
  }
  const fileId = ctx.ids.next("file");
  const stored = await ctx.storage.put(
    objectKey(task.taskId, fileId),
    upload.file.stream(),
    upload.file.type || "application/octet-stream",
    ctx.policy.maxFileBytes,
  );
  const record: FileRecord = {
    fileId,
    taskId: task.taskId,
    bundleId: task.bundleId,
    filename: displayName(upload.file.name),
    contentType: upload.file.type || "application/octet-stream",
    ...stored,
    category: upload.category as string | undefined,
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
