import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { daysBetween } from "../domain/dates.js";
import { OPEN_TASK_STATUSES, type Task, type TaskEvent } from "../domain/task.js";
import { RescheduleBundleInput } from "../domain/task-input.js";
import { atVersion, found, requireRole } from "./access.js";
import { anchoredDate } from "./anchored-date.js";
import { auditEvent } from "./audit.js";
import { listAllBundleTasks } from "./list-all-bundle-tasks.js";
import { parseInput } from "./parse-input.js";

/** Moves the anchor date; open template tasks move by the same number of days, finished ones stay. */
export async function rescheduleBundle(
  ctx: Ctx,
  bundleId: string,
  raw: unknown,
): Promise<{ bundle: Bundle; tasks: Task[] }> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(RescheduleBundleInput, raw);
  const bundle = atVersion(
    found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId),
    input.expectedVersion,
    "bundle",
    bundleId,
  );
  const shift = daysBetween(bundle.anchorDate, input.anchorDate);
  const now = ctx.clock.now();
  const tasks = await listAllBundleTasks(ctx, bundleId);
  const moves = tasks.filter(
    (t) => t.source === "template" && (OPEN_TASK_STATUSES as readonly string[]).includes(t.status) && shift !== 0,
  );
  const changes = moves.map((previous) => ({
    previous,
    next: {
      ...previous,
      date: anchoredDate(previous.date, shift),
      version: previous.version + 1,
      updatedAt: now,
    },
  }));
  const events: TaskEvent[] = changes.map(({ previous, next }) => ({
    taskEventId: ctx.ids.next("taskEvent"),
    taskId: next.taskId,
    bundleId,
    kind: "rescheduled",
    actorId: actor.userId,
    changes: { date: { from: previous.date, to: next.date } },
    createdAt: now,
  }));
  const next: Bundle = { ...bundle, anchorDate: input.anchorDate, version: bundle.version + 1, updatedAt: now };
  await ctx.repo.tasks.updateMany({
    changes,
    bundle: { next, expectedVersion: bundle.version },
    events,
    audit: auditEvent(ctx, "bundle", bundleId, "rescheduled", {
      before: { anchorDate: bundle.anchorDate },
      after: { anchorDate: input.anchorDate, shiftDays: shift, tasksMoved: changes.length },
    }),
  });
  const moved = new Map(changes.map(({ next: t }) => [t.taskId, t]));
  return { bundle: next, tasks: tasks.map((t) => moved.get(t.taskId) ?? t) };
}
