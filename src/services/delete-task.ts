import type { Ctx } from "../domain/ctx.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { bundleAfterTaskChange } from "./bundle-lifecycle.js";
import { withBundle } from "./with-bundle.js";

/** Deletes a task (admin, or the user who created it) at the version the client read. */
export async function deleteTask(ctx: Ctx, taskId: string, expectedVersion: number | undefined): Promise<void> {
  const actor = requireRole(ctx, "operator");
  if (expectedVersion === undefined) {
    throw new ValidationError("expectedVersion is required as a query parameter", {
      issues: [{ path: "expectedVersion", message: "required" }],
    });
  }
  const task = atVersion(found(await ctx.repo.tasks.get(taskId), "task", taskId), expectedVersion, "task", taskId);
  if (actor.role !== "admin" && task.createdBy !== actor.userId) {
    throw new ForbiddenError("only an admin or the task's creator may delete it");
  }
  await withBundle(ctx, task.bundleId, (bundle, bundleWrite) =>
    ctx.repo.tasks.delete({
      taskId,
      expectedVersion,
      bundle: bundleWrite(bundle && bundleAfterTaskChange(ctx, bundle, task, undefined)),
      audit: auditEvent(ctx, "task", taskId, "deleted", {
        before: { description: task.description, status: task.status, version: task.version },
      }),
    }),
  );
}
