import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Ctx } from "../domain/ctx.js";
import { DAY_MS, dateIn } from "../domain/dates.js";
import type { User } from "../domain/user.js";
import { processDueRuns } from "../engine/process-due-runs.js";
import { runErrorLogger } from "../engine/run-error-logger.js";
import type { Logger } from "../log/logger.js";
import { adminsOf } from "./automation-failure.js";
import { type Mailer, sendDigests } from "./digest.js";
import { runRecurringConfigs } from "./recurring-runs.js";
import { runScheduledWorkflows } from "./scheduled-workflows.js";
import { bundleLookup, dailySweep, remindDueAndFollowUps } from "./task-reminders.js";
import { noCounts, type TickCounts } from "./tick-counts.js";

export type TickResult = TickCounts & {
  /** Digest emails sent. */
  emails: number;
  /** True when another scheduler held the lease, so this tick did nothing. */
  leaseHeld: boolean;
};
export type TickDeps = { log: Logger; mailer?: Mailer };

/** The lease one tick holds while it works; a crashed holder's lease expires after this. */
export const TICK_LEASE = "scheduler-tick";
const LEASE_MS = 5 * 60_000;
/** Runs one tick advances at most; the rest wait for the next tick or a worker. */
const RUNS_PER_TICK = 100;
const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();

/**
 * One scheduler tick. It takes a short lease so that, of several processes ticking at once, one does
 * the work; what it writes is keyed (dedupe keys, derived IDs, idempotency keys) so that two doing the
 * work anyway still write everything once. It runs as the system: no actor, whoever asked for it.
 */
export async function runTick(ctx: Ctx, deps: TickDeps): Promise<TickResult> {
  const system: Ctx = { ...ctx, actor: undefined };
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const leases = system.repo.schedulerLeases;
  const now = system.clock.now();
  if (!(await leases.acquire(TICK_LEASE, holder, now, later(now, LEASE_MS)))) {
    return { ...noCounts(), emails: 0, leaseHeld: true };
  }
  try {
    return { ...(await runDueWork(system, deps, holder)), leaseHeld: false };
  } finally {
    await leases.release(TICK_LEASE, holder);
  }
}

/** Expired run log entries deleted per tick: a backlog clears over a few ticks, each one bounded. */
export const LOGS_PURGED_PER_TICK = 1000;
/** Expired portal sessions deleted per tick, bounded the same way. */
export const SESSIONS_PURGED_PER_TICK = 1000;

/**
 * The work of a tick, without the lease: created work first (so work due today is reminded in the
 * same tick), then reminders, then the once-a-day sweep and digests. Every list it reads is
 * index-served and holds only what is due.
 */
export async function runDueWork(ctx: Ctx, deps: TickDeps, holder: string): Promise<Omit<TickResult, "leaseHeld">> {
  const counts = noCounts();
  const now = ctx.clock.now();
  const today = dateIn(now, ctx.scheduler.teamTimeZone);
  const leases = ctx.repo.schedulerLeases;
  let admins: Promise<User[]> | undefined;
  const adminList = () => {
    admins ??= adminsOf(ctx);
    return admins;
  };
  await runScheduledWorkflows(ctx, counts, adminList, deps.log);
  await runRecurringConfigs(ctx, counts, adminList, deps.log);
  // Run timers (retry delays, delay steps, timeouts) and work a crashed worker left: the sweep that
  // keeps runs moving when no worker is awake.
  counts.runs += await processDueRuns(ctx, {
    holder,
    leaseMs: ctx.engine.leaseMs,
    limit: RUNS_PER_TICK,
    concurrency: 2,
    onError: runErrorLogger(deps.log),
  });
  const bundles = bundleLookup(ctx);
  counts.notifications += await remindDueAndFollowUps(ctx, bundles, today, now);
  const sweep = `sweep:${today}`;
  if (!(await leases.get(sweep))) {
    counts.notifications += await dailySweep(ctx, bundles, today, ctx.scheduler);
    await leases.acquire(sweep, holder, now, later(now, 3 * DAY_MS));
  }
  const emails = deps.mailer ? await sendDigests(ctx, deps.mailer, today, holder, counts, deps.log) : 0;
  await leases.purgeExpired(later(now, -DAY_MS));
  counts.logsPurged += await ctx.repo.runLogs.purgeExpired(now, LOGS_PURGED_PER_TICK);
  counts.sessionsPurged += await ctx.repo.sessions.purgeExpired(now, SESSIONS_PURGED_PER_TICK);
  return { ...counts, emails };
}
