import type { Ctx } from "../domain/ctx.js";
import { InvalidTransitionError } from "../domain/errors.js";
import type { Unchanged } from "../repositories/repository.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { fileOf, needsFile } from "./proof-gates.js";

/**
 * Deletes a file and its bytes. The last file proving a done task cannot silently disappear: that is
 * refused (422) until the task is reopened. The write keeps the task (and the file that still proves
 * it) unchanged, so a completion or a second delete landing meanwhile makes it fail, not both land.
 * A file an artifact points at is refused (409).
 */
export async function deleteFile(ctx: Ctx, fileId: string): Promise<void> {
  requireRole(ctx, "operator");
  const file = found(await ctx.repo.files.get(fileId), "file", fileId);
  const task = await ctx.repo.tasks.get(file.taskId);
  const relied: Unchanged[] = [];
  if (task && needsFile(task)) {
    relied.push({ entity: "task", id: task.taskId, version: task.version });
    const other = await fileOf(ctx, task.taskId, fileId);
    if (other) relied.push({ entity: "file", id: other.fileId });
    else if (task.status === "done") {
      throw new InvalidTransitionError("this file proves a done task; reopen the task before deleting it", {
        taskId: task.taskId,
      });
    }
  }
  await ctx.repo.files.delete(
    fileId,
    auditEvent(ctx, "file", fileId, "deleted", {
      before: { taskId: file.taskId, checksum: file.checksum, filename: file.filename },
    }),
    relied,
  );
  await ctx.storage
    ?.remove(file.storageUri)
    .catch((error: unknown) => console.warn(`file ${fileId}: bytes left in storage`, error));
}
