import { latestDue } from "../domain/cron.js";
import type { Ctx } from "../domain/ctx.js";
import { DAY_MS, dateIn } from "../domain/dates.js";
import { ConflictError, DomainError, NotFoundError, VersionConflictError } from "../domain/errors.js";
import { derivedId } from "../domain/ids.js";
import type { RecurringConfig } from "../domain/recurring-config.js";
import { plainTask } from "../domain/task.js";
import type { User } from "../domain/user.js";
import type { Logger } from "../log/logger.js";
import { auditEvent } from "../services/audit.js";
import { instantiateBundle } from "../services/instantiate-bundle.js";
import { reportFailure } from "./automation-failure.js";
import { raiseReminders } from "./raise-reminders.js";
import { clip } from "./reminder-rules.js";
import type { TickCounts } from "./tick-counts.js";

/** Due configs handled in one tick; the rest wait for the next (they stay due). */
const MAX_CONFIGS_PER_TICK = 500;

/** When a config's occurrence's work is created: `leadDays` whole days before it. */
export const runAtOf = (occurrence: Date, leadDays: number) => new Date(occurrence.getTime() - leadDays * DAY_MS);

/**
 * Every enabled config whose `nextRunAt` has come: its latest due occurrence creates its work (once:
 * a derived task ID or a bundle idempotency key), the occurrences in between are counted as skipped,
 * and the config moves on to its next occurrence.
 */
export async function runRecurringConfigs(ctx: Ctx, counts: TickCounts, admins: () => Promise<User[]>, log: Logger) {
  const now = ctx.clock.now();
  const seen = new Set<string>();
  for (;;) {
    const { items } = await ctx.repo.recurringConfigs.listDue(now, { limit: 50 });
    // A config left due (a store error, a concurrent change) is not tried twice in one tick.
    const fresh = items.filter((c) => !seen.has(c.recurringConfigId));
    if (fresh.length === 0 || seen.size >= MAX_CONFIGS_PER_TICK) return;
    for (const config of fresh) {
      seen.add(config.recurringConfigId);
      await runOne(ctx, config, counts, admins, log);
    }
  }
}

async function runOne(
  ctx: Ctx,
  config: RecurringConfig,
  counts: TickCounts,
  admins: () => Promise<User[]>,
  log: Logger,
) {
  const now = new Date(ctx.clock.now());
  const first = new Date(Date.parse(config.nextRunAt) + config.leadDays * DAY_MS);
  const due = latestDue(config.cron, config.timeZone, first, new Date(now.getTime() + config.leadDays * DAY_MS));
  const occurrence = due.latest ?? first;
  const date = dateIn(occurrence.toISOString(), config.timeZone);
  let made = false;
  try {
    made = await createWork(ctx, config, occurrence, date, counts);
  } catch (error) {
    counts.failures++;
    if (!(error instanceof DomainError)) {
      // Not the config's fault (the store, say): leave it due, to be tried again next tick.
      log.error("recurring config failed; it will be retried", {
        recurringConfigId: config.recurringConfigId,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const raised = await reportFailure(
      ctx,
      await admins(),
      `recurring:${config.recurringConfigId}:${occurrence.toISOString()}`,
      `Recurring "${config.title}" could not create its work for ${date}: ${error.message}`,
    );
    counts.notifications += raised;
    if (raised > 0)
      log.warn("recurring config could not create its work", {
        recurringConfigId: config.recurringConfigId,
        occurrence: occurrence.toISOString(),
        error: error.message,
      });
  }
  if (made) {
    counts.notifications += await raiseReminders(ctx, [
      {
        type: "recurring-due",
        dedupeKey: `recurring-due:${config.recurringConfigId}:${occurrence.toISOString()}`,
        userId: config.assigneeId,
        recurringConfigId: config.recurringConfigId,
        message: clip(`Recurring "${config.title}" created ${config.workflowId ? "a bundle" : "a task"} for ${date}`),
      },
    ]);
  }
  await advance(ctx, config, occurrence, due.skipped, due.next, made);
}

/** Creates the occurrence's task or bundle unless another scheduler already did; true either way once it exists. */
async function createWork(ctx: Ctx, config: RecurringConfig, occurrence: Date, date: string, counts: TickCounts) {
  const seed = `${config.recurringConfigId}@${occurrence.toISOString()}`;
  if (config.workflowId) {
    const key = `recurring:${seed}`;
    if (await ctx.repo.bundles.getByIdempotencyKey(key)) return true;
    await instantiateBundle(
      ctx,
      {
        workflowId: config.workflowId,
        title: `${config.title} (${date})`,
        anchorDate: date,
        tags: config.tags,
        defaultAssigneeId: config.assigneeId,
      },
      key,
      { triggerType: "schedule" },
    );
    counts.bundles++;
    return true;
  }
  const now = ctx.clock.now();
  const task = plainTask(now, {
    taskId: derivedId("task", occurrence.getTime(), seed),
    taskOrder: 0,
    description: config.taskDescription ?? config.title,
    date,
    assigneeId: config.assigneeId,
    tags: config.tags,
    source: "recurring",
    recurringConfigId: config.recurringConfigId,
  });
  try {
    await ctx.repo.tasks.create({
      task,
      audit: auditEvent(ctx, "task", task.taskId, "created", {
        after: { description: task.description, date, recurringConfigId: config.recurringConfigId },
      }),
    });
  } catch (error) {
    if (error instanceof ConflictError) return true; // this occurrence's task exists: made by another tick
    throw error;
  }
  counts.tasks++;
  return true;
}

/** Moves the config past the occurrence it handled. Another scheduler having moved it first is fine. */
async function advance(
  ctx: Ctx,
  config: RecurringConfig,
  occurrence: Date,
  skipped: number,
  next: Date | undefined,
  made: boolean,
) {
  const now = ctx.clock.now();
  const updated: RecurringConfig = {
    ...config,
    // A schedule with no further occurrence is switched off rather than left due forever.
    enabled: next !== undefined && config.enabled,
    nextRunAt: runAtOf(next ?? occurrence, config.leadDays).toISOString(),
    lastRunAt: occurrence.toISOString(),
    runCount: config.runCount + (made ? 1 : 0),
    skippedCount: config.skippedCount + skipped,
    version: config.version + 1,
    updatedAt: now,
  };
  try {
    await ctx.repo.recurringConfigs.update(
      updated,
      config.version,
      auditEvent(ctx, "recurringConfig", config.recurringConfigId, "ran", {
        after: { occurrence: occurrence.toISOString(), made, skipped, nextRunAt: updated.nextRunAt },
      }),
    );
  } catch (error) {
    // Moved on by another scheduler, or deleted meanwhile: either way there is nothing to advance.
    if (!(error instanceof VersionConflictError || error instanceof NotFoundError)) throw error;
  }
}
