import type { Ctx } from "../domain/ctx.js";
import { stageChangeReminders } from "../scheduler/stage-change-reminders.js";
import { auditEvent } from "../services/audit.js";
import { runLogEntries, summarize } from "./run-log-entries.js";
import type { Decision, RunView } from "./run-view.js";

const MAX_NOTES = 30;

/**
 * Writes one transition in one atomic call: the bundle at the version read, records, tasks,
 * reminders, audit and the run log's entries. Returns the decision as written (the bundle carries
 * the log summary), which is what the run is now.
 */
export async function writeDecision(ctx: Ctx, view: RunView, decision: Decision): Promise<Decision> {
  const before = view.bundle;
  const logs = runLogEntries(view, decision, {
    now: ctx.clock.now(),
    mintId: () => ctx.ids.next("runLog"),
    actorId: ctx.actor?.userId,
  });
  const after = { ...decision.bundle, logSummary: summarize(before.logSummary, logs) };
  if (after.logSummary === undefined) delete after.logSummary;
  const stageReminders = after.stage !== before.stage ? await stageChangeReminders(ctx, before, after) : [];
  const notes = decision.notes.slice(0, MAX_NOTES);
  const audit = auditEvent(ctx, "bundle", after.bundleId, "run-advanced", {
    before: { runStatus: before.runStatus, version: before.version },
    after: { runStatus: after.runStatus, version: after.version, notes },
  });
  await ctx.repo.runs.apply({
    bundle: { next: after, expectedVersion: before.version },
    createSteps: decision.createSteps,
    updateSteps: decision.updateSteps,
    createTasks: decision.createTasks,
    updateTasks: decision.updateTasks,
    taskEvents: decision.taskEvents,
    notifications: [...decision.notifications, ...stageReminders],
    audit: [audit],
    logs,
  });
  return { ...decision, bundle: after };
}
