import type { Artifact } from "../domain/artifact.js";
import type { Ctx } from "../domain/ctx.js";
import { ValidationError } from "../domain/errors.js";
import { found, requireRole } from "./access.js";
import { createArtifact } from "./create-artifact.js";
import { uploadFile } from "./upload-file.js";

export type UploadForReview = { taskId: string; file: unknown; title?: string; type?: string };

/**
 * Uploads a file for one of a bundle's tasks and registers it as an artifact of that task waiting for
 * review. Two writes: should the second be refused, the file stays on the task (listed with its files)
 * and the refusal is what the caller sees.
 */
export async function registerUpload(ctx: Ctx, bundleId: string, input: UploadForReview): Promise<Artifact> {
  requireRole(ctx, "operator");
  const task = input.taskId ? await ctx.repo.tasks.get(input.taskId) : undefined;
  if (!task || task.bundleId !== bundleId) {
    throw new ValidationError("choose one of this bundle's tasks for the file", {
      issues: [{ path: "taskId", message: "not a task of this bundle" }],
    });
  }
  found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
  const file = await uploadFile(ctx, { taskId: task.taskId, file: input.file });
  return createArtifact(ctx, {
    type: input.type ?? "other",
    title: input.title?.trim() || file.filename,
    status: "needs-review",
    storageProvider: file.storageProvider,
    storageUri: file.storageUri,
    filename: file.filename,
    contentType: file.contentType,
    checksum: file.checksum,
    sizeBytes: file.sizeBytes,
    taskId: task.taskId,
    fileId: file.fileId,
    sourceType: "manual-upload",
  });
}
