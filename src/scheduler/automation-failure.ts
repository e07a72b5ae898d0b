import type { Ctx } from "../domain/ctx.js";
import type { User } from "../domain/user.js";
import { raiseReminders } from "./raise-reminders.js";
import { clip } from "./reminder-rules.js";

/** Enabled admins, read once per tick: who hears about failed automation (everyone when there are none). */
export async function adminsOf(ctx: Ctx): Promise<User[]> {
  const admins: User[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.repo.users.list({ limit: 200, cursor });
    admins.push(...page.items.filter((u) => u.role === "admin" && !u.disabled));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return admins;
}

/**
 * `automation-failure`: a scheduled or recurring generation failed. One reminder per admin, keyed by
 * what failed (`subject`, such as `recurring:rec_...:<occurrence>`), so retries do not repeat it.
 * Returns how many were raised (0 when this failure was already reported).
 */
export async function reportFailure(
  ctx: Ctx,
  admins: User[],
  subject: string,
  message: string,
  links: { bundleId?: string } = {},
): Promise<number> {
  const recipients: (string | undefined)[] = admins.length > 0 ? admins.map((a) => a.userId) : [undefined];
  return raiseReminders(
    ctx,
    recipients.map((userId) => ({
      type: "automation-failure",
      dedupeKey: `automation-failure:${subject}:${userId ?? "*"}`,
      userId,
      ...links,
      message: clip(message),
    })),
  );
}
