import type { Ctx } from "../domain/ctx.js";
import type { Task } from "../domain/task.js";
import { CreateTaskInput } from "../domain/task-input.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { bundleAfterTaskChange } from "./bundle-lifecycle.js";
import { parseInput } from "./parse-input.js";
import { withBundle } from "./with-bundle.js";

/** A manual task, optionally in a bundle (whose counters move with it; a completed bundle reopens). */
export async function createTask(ctx: Ctx, raw: unknown): Promise<Task> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(CreateTaskInput, raw);
  if (input.assigneeId) found(await ctx.repo.users.get(input.assigneeId), "user", input.assigneeId);
  const now = ctx.clock.now();
  return withBundle(ctx, input.bundleId, async (bundle, bundleWrite) => {
    const task: Task = {
      ...input,
      taskId: ctx.ids.next("task"),
      taskOrder: bundle?.taskCount ?? 0,
      status: "todo",
      isMilestone: false,
      requiresFile: input.requiresFile ?? false,
      systems: input.systems ?? [],
      sourceDocIds: [],
      tags: input.tags ?? [],
      source: "manual",
      createdBy: actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const event = {
      taskEventId: ctx.ids.next("taskEvent"),
      taskId: task.taskId,
      bundleId: task.bundleId,
      kind: "created" as const,
      actorId: actor.userId,
      createdAt: now,
    };
    const audit = auditEvent(ctx, "task", task.taskId, "created", {
      after: { description: task.description, date: task.date, bundleId: task.bundleId },
    });
    const nextBundle = bundle && bundleAfterTaskChange(ctx, bundle, undefined, task);
    return ctx.repo.tasks.create({ task, bundle: bundleWrite(nextBundle), event, audit });
  });
}
