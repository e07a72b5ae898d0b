import { latestAtOrBefore } from "../domain/cron.js";
import type { Ctx } from "../domain/ctx.js";
import { DAY_MS, dateIn } from "../domain/dates.js";
import { DomainError } from "../domain/errors.js";
import type { User } from "../domain/user.js";
import type { Logger } from "../log/logger.js";
import { instantiateBundle } from "../services/instantiate-bundle.js";
import { reportFailure } from "./automation-failure.js";
import type { TickCounts } from "./tick-counts.js";

/** The idempotency key of a scheduled workflow's bundle: one per (workflow, anchor date), whoever creates it. */
export const scheduleKey = (workflowId: string, anchorDate: string) => `schedule:${workflowId}:${anchorDate}`;

/**
 * Each workflow with an enabled `trigger: {type: schedule}` gets a bundle anchored on its latest
 * occurrence that is at most `leadDays` ahead (occurrences in the team's time zone). That is the one
 * being created `leadDays` ahead or, after downtime, the latest missed: earlier ones are not created.
 * One point read per scheduled workflow when there is nothing to do.
 */
export async function runScheduledWorkflows(
  ctx: Ctx,
  counts: TickCounts,
  admins: () => Promise<User[]>,
  log: Logger,
): Promise<void> {
  const now = Date.parse(ctx.clock.now());
  const timeZone = ctx.scheduler.teamTimeZone;
  for (const { definition } of ctx.catalog.workflows.values()) {
    const trigger = definition.trigger;
    if (trigger.type !== "schedule" || !trigger.enabled) continue;
    const occurrence = latestAtOrBefore(trigger.cron, timeZone, new Date(now + trigger.leadDays * DAY_MS));
    if (!occurrence) continue;
    const anchorDate = dateIn(occurrence.toISOString(), timeZone);
    const key = scheduleKey(definition.workflowId, anchorDate);
    if (await ctx.repo.bundles.getByIdempotencyKey(key)) continue;
    try {
      await instantiateBundle(
        ctx,
        { workflowId: definition.workflowId, title: `${definition.name} (${anchorDate})`, anchorDate },
        key,
        { triggerType: "schedule" },
      );
      counts.bundles++;
      log.info("scheduled workflow started its bundle", { workflowId: definition.workflowId, anchorDate });
    } catch (error) {
      counts.failures++;
      if (!(error instanceof DomainError)) throw error;
      const raised = await reportFailure(
        ctx,
        await admins(),
        `${key}`,
        `Scheduled workflow ${definition.workflowId} could not start its bundle for ${anchorDate}: ${error.message}`,
      );
      counts.notifications += raised;
      if (raised > 0)
        log.warn("scheduled workflow could not start its bundle", {
          workflowId: definition.workflowId,
          anchorDate,
          error: error.message,
        });
    }
  }
}
