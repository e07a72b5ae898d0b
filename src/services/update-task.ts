import type { Ctx } from "../domain/ctx.js";
import { ForbiddenError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";
import { GATE_FIELDS, UpdateTaskInput } from "../domain/task-input.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

/** Edits a task's details; never its status. Gate definitions are an admin's to change. */
export async function updateTask(ctx: Ctx, taskId: string, raw: unknown): Promise<Task> {
  const actor = requireRole(ctx, "operator");
  const { expectedVersion, ...patch } = parseInput(UpdateTaskInput, raw);
  const gates = GATE_FIELDS.filter((field) => patch[field] !== undefined);
  if (gates.length > 0 && actor.role !== "admin") {
    throw new ForbiddenError(`only an admin may change proof gates (${gates.join(", ")})`, { fields: gates });
  }
  const task = atVersion(found(await ctx.repo.tasks.get(taskId), "task", taskId), expectedVersion, "task", taskId);
  if (patch.assigneeId) found(await ctx.repo.users.get(patch.assigneeId), "user", patch.assigneeId);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const next: Task = { ...task };
  for (const [field, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
    if (value === undefined) continue;
    const to = value === null ? undefined : value; // null clears an optional field
    changes[field] = { from: task[field as keyof Task], to };
    (next as Record<string, unknown>)[field] = to;
  }
  const now = ctx.clock.now();
  const saved = { ...next, version: task.version + 1, updatedAt: now };
  return ctx.repo.tasks.update({
    task: { next: saved, expectedVersion: task.version },
    event: {
      taskEventId: ctx.ids.next("taskEvent"),
      taskId,
      bundleId: task.bundleId,
      kind: "updated",
      actorId: actor.userId,
      changes,
      createdAt: now,
    },
    audit: auditEvent(ctx, "task", taskId, "updated", {
      before: { version: task.version },
      after: { version: saved.version, fields: Object.keys(changes) },
    }),
  });
}
