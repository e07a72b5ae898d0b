import { createTransport, type Transporter } from "nodemailer";
import type { Ctx } from "../domain/ctx.js";
import { type CalendarDate, DAY_MS, hourIn } from "../domain/dates.js";
import type { Notification } from "../domain/notification.js";
import type { User } from "../domain/user.js";
import type { Logger } from "../log/logger.js";
import { newestFor, undismissedCountFor } from "../services/reminders/notifications.js";
import type { TickCounts } from "./tick-counts.js";

/** Sends one message; nodemailer's transport in production, anything with `sendMail` in tests. */
export type Mailer = Pick<Transporter, "sendMail">;

/** The transport for `smtpUrl`, or none: without SMTP_URL nothing is sent. */
export const mailerFor = (smtpUrl: string | undefined): Mailer | undefined =>
  smtpUrl ? createTransport(smtpUrl) : undefined;

/** How long a digest being sent is held before another scheduler may try it (a crash mid-send). */
const SENDING_MS = 10 * 60_000;
/** How long "sent" and "all sent today" are remembered: past the day they are about. */
const REMEMBER_MS = 3 * DAY_MS;
/** How long after a failed send it is tried again. */
const RETRY_MS = 60 * 60_000;
const LISTED = 20;

/**
 * Once a day at `DIGEST_HOUR` (team time zone), each enabled person with undismissed reminders gets
 * one email. Each send is recorded as a lease (`digest:<userId>:<date>`) so a restart or a second
 * scheduler does not send it again (a crash mid-send frees it after 10 minutes; a failed send after
 * an hour); `digests:<date>` records that everyone's is done.
 */
export async function sendDigests(
  ctx: Ctx,
  mailer: Mailer,
  today: CalendarDate,
  holder: string,
  counts: TickCounts,
  log: Logger,
): Promise<number> {
  const { digest, teamTimeZone } = ctx.scheduler;
  const now = ctx.clock.now();
  if (hourIn(now, teamTimeZone) < digest.hour) return 0;
  const leases = ctx.repo.schedulerLeases;
  const dayDone = `digests:${today}`;
  if (await leases.get(dayDone)) return 0;
  const until = (ms: number) => new Date(Date.parse(ctx.clock.now()) + ms).toISOString();
  let sent = 0;
  let failed = 0;
  for await (const user of enabledUsers(ctx)) {
    const name = `digest:${user.userId}:${today}`;
    const held = await leases.get(name);
    if (held && held.expiresAt > ctx.clock.now()) continue; // sent, being sent, or failed within the hour
    const pending = await undismissedFor(ctx, user.userId);
    if (pending.total === 0) continue;
    // Another scheduler may have taken it since the read above.
    if (!(await leases.acquire(name, holder, ctx.clock.now(), until(SENDING_MS)))) continue;
    try {
      await mailer.sendMail(digestMessage(digest.from, user, today, pending));
      await leases.acquire(name, holder, ctx.clock.now(), until(REMEMBER_MS));
      sent++;
    } catch (error) {
      failed++;
      // Held for an hour: a refused address is retried hourly, not on every tick.
      await leases.acquire(name, holder, ctx.clock.now(), until(RETRY_MS));
      log.warn("digest email failed; it will be retried in an hour", {
        userId: user.userId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  counts.failures += failed;
  if (failed === 0) await leases.acquire(dayDone, holder, ctx.clock.now(), until(REMEMBER_MS));
  return sent;
}

async function* enabledUsers(ctx: Ctx): AsyncGenerator<User> {
  let cursor: string | undefined;
  do {
    const page = await ctx.repo.users.list({ limit: 200, cursor });
    for (const user of page.items) if (!user.disabled) yield user;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

type Pending = { total: number; newest: Notification[] };

async function undismissedFor(ctx: Ctx, userId: string): Promise<Pending> {
  const total = await undismissedCountFor(ctx, userId);
  return { total, newest: total === 0 ? [] : await newestFor(ctx, userId, false, undefined, LISTED) };
}

function digestMessage(from: string, user: User, today: CalendarDate, pending: Pending) {
  const lines = pending.newest.map((n) => `- ${n.message}`);
  const more = pending.total > pending.newest.length ? [`...and ${pending.total - pending.newest.length} more.`] : [];
  return {
    from,
    to: user.email,
    subject: `work-engine: ${pending.total} reminder${pending.total === 1 ? "" : "s"} for ${today}`,
    text: [`Hello ${user.name},`, "", "Your open reminders:", ...lines, ...more, ""].join("\n"),
  };
}
