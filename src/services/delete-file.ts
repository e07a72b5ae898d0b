import type { Ctx } from "../domain/ctx.js";
import { InvalidTransitionError } from "../domain/errors.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";

/**
 * Deletes a file and its bytes. The last file proving a done task cannot silently disappear: that is
 * refused (422) until the task is reopened. A file an artifact points at is refused (409).
 */
export async function deleteFile(ctx: Ctx, fileId: string): Promise<void> {
  requireRole(ctx, "operator");
  const file = found(await ctx.repo.files.get(fileId), "file", fileId);
  const task = await ctx.repo.tasks.get(file.taskId);
  const provesTask = task?.requiresFile || task?.proofRequirement?.type === "file";
  const lastFile = provesTask && (await ctx.repo.files.listByTask(file.taskId, { limit: 2 })).items.length < 2;
  if (task?.status === "done" && lastFile) {
    throw new InvalidTransitionError("this file proves a done task; reopen the task before deleting it", {
      taskId: task.taskId,
    });
  }
  await ctx.repo.files.delete(
    fileId,
    auditEvent(ctx, "file", fileId, "deleted", {
      before: { taskId: file.taskId, checksum: file.checksum, filename: file.filename },
    }),
  );
  await ctx.storage
    ?.remove(file.storageUri)
    .catch((error: unknown) => console.warn(`file ${fileId}: bytes left in storage`, error));
}
