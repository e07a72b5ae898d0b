import type { Ctx } from "../domain/ctx.js";
import { ListTasksQuery } from "../domain/list-queries.js";
import type { Task, TaskEvent } from "../domain/task.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { found, requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

export async function getTask(ctx: Ctx, taskId: string): Promise<Task> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.tasks.get(taskId), "task", taskId);
}

/** One selector, one index: see ListTasksQuery. "Today" and "now" come from the clock. */
export async function listTasks(ctx: Ctx, raw: unknown): Promise<Page<Task>> {
  requireRole(ctx, "viewer");
  const { limit, cursor, ...q } = parseInput(ListTasksQuery, raw);
  const page = { limit, cursor };
  const tasks = ctx.repo.tasks;
  if (q.date) return tasks.listForDate(q.date, page);
  if (q.from && q.to) return tasks.listDueBetween(q.from, q.to, page);
  if (q.bundleId) return tasks.listByBundle(q.bundleId, page);
  if (q.assigneeId) return tasks.listByAssignee(q.assigneeId, q.status, page);
  if (q.status) return tasks.listByStatus(q.status, page);
  if (q.overdue) return tasks.listOverdue(ctx.clock.today(), page);
  if (q.waiting) return tasks.listByStatus("waiting", page);
  return tasks.listFollowUpDue(ctx.clock.now(), page);
}

/** A task's history, oldest first. */
export async function listTaskEvents(ctx: Ctx, taskId: string, page: PageRequest): Promise<Page<TaskEvent>> {
  await getTask(ctx, taskId);
  return ctx.repo.tasks.listEvents(taskId, page);
}
