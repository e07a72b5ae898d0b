import type { Ctx } from "../domain/ctx.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import type { Notification } from "../domain/notification.js";
import { auditEvent } from "../services/audit.js";
import type { Reminder } from "./reminder-rules.js";

/** Keys looked up per query: the stores take at most 100. */
const KEY_BATCH = 100;

/** The notification record of a reminder, raised now. */
export function notificationOf(ctx: Ctx, reminder: Reminder): Notification {
  const now = ctx.clock.now();
  return {
    notificationId: ctx.ids.next("notification"),
    ...reminder,
    dueAt: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Writes the reminders whose keys are new, each with its audit event, and returns how many it wrote.
 * Keys already taken (raised before, dismissed or not) are skipped with one lookup per 100; a key
 * another scheduler takes in between is a conflict, and skipped too, as is one whose subject was deleted.
 */
export async function raiseReminders(ctx: Ctx, reminders: readonly Reminder[]): Promise<number> {
  const unique = [...new Map(reminders.map((r) => [r.dedupeKey, r])).values()];
  let raised = 0;
  for (let start = 0; start < unique.length; start += KEY_BATCH) {
    const batch = unique.slice(start, start + KEY_BATCH);
    const taken = await ctx.repo.notifications.existingKeys(batch.map((r) => r.dedupeKey));
    for (const reminder of batch) {
      if (taken.has(reminder.dedupeKey)) continue;
      const notification = notificationOf(ctx, reminder);
      try {
        await ctx.repo.notifications.create(
          notification,
          auditEvent(ctx, "notification", notification.notificationId, "raised", {
            after: { type: notification.type, userId: notification.userId, dedupeKey: notification.dedupeKey },
          }),
        );
        raised++;
      } catch (error) {
        // Taken by another scheduler meanwhile, or its task or bundle is gone: nothing to raise.
        if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      }
    }
  }
  return raised;
}
