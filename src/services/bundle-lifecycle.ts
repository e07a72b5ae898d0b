import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { OPEN_TASK_STATUSES, type Task, type TaskStatus } from "../domain/task.js";

const isOpen = (status: TaskStatus | undefined) => (OPEN_TASK_STATUSES as readonly string[]).includes(status ?? "");

/**
 * The bundle after one of its tasks is created (`before` undefined), changed, or deleted (`after`
 * undefined): counters, forward-only `stageOnComplete`, completion when the last open task closes,
 * reactivation at the earlier stage when one reopens. Undefined when the bundle does not change.
 * A graph run's bundle completes with its run instead (src/engine); a change to one of its step
 * tasks wakes the run (runWakeAt), written in the same write, so the engine sees it even after a crash.
 */
/** Completes `bundle` in place: status, the stage it leaves (to come back to on reopening), `done`. */
export function markCompleted(bundle: Bundle, now: string, actorId: string | undefined): void {
  Object.assign(bundle, {
    status: "completed",
    stageBeforeCompletion: bundle.stage,
    stage: bundle.stages.includes("done") ? "done" : (bundle.stages.at(-1) ?? bundle.stage),
    completedAt: now,
    completedBy: actorId,
  });
}

export function bundleAfterTaskChange(ctx: Ctx, bundle: Bundle, before?: Task, after?: Task): Bundle | undefined {
  const next: Bundle = { ...bundle };
  next.taskCount += (after ? 1 : 0) - (before ? 1 : 0);
  next.openTaskCount += (isOpen(after?.status) ? 1 : 0) - (isOpen(before?.status) ? 1 : 0);
  const justDone = after?.status === "done" && before?.status !== "done";
  if (justDone && after?.stageOnComplete && next.status === "active") {
    const target = next.stages.indexOf(after.stageOnComplete);
    if (target > next.stages.indexOf(next.stage)) next.stage = after.stageOnComplete;
  }
  const isRun = next.runStatus !== undefined;
  const stepTask = (before ?? after)?.stepExecutionId !== undefined;
  const runLive = next.runStatus === "running" || next.runStatus === "waiting";
  if (isRun && stepTask && runLive && before?.status !== after?.status) next.runWakeAt = ctx.clock.now();
  // A run bundle's completion is its run's (src/engine); a checklist's is its count of open tasks.
  if (!isRun && next.status === "active" && next.openTaskCount === 0 && next.taskCount > 0) {
    markCompleted(next, ctx.clock.now(), ctx.actor?.userId);
  } else if (!isRun && next.status === "completed" && next.openTaskCount > 0) {
    Object.assign(next, {
      status: "active",
      stage: next.stageBeforeCompletion ?? next.stage,
      stageBeforeCompletion: undefined,
      completedAt: undefined,
      completedBy: undefined,
    });
  }
  const changed = (Object.keys(next) as (keyof Bundle)[]).some((key) => next[key] !== bundle[key]);
  return changed ? { ...next, version: bundle.version + 1, updatedAt: ctx.clock.now() } : undefined;
}
