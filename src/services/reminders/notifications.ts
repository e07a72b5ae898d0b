import type { Ctx } from "../../domain/ctx.js";
import { Timestamp } from "../../domain/dates.js";
import { ForbiddenError, NotFoundError, VersionConflictError } from "../../domain/errors.js";
import type { Notification } from "../../domain/notification.js";
import { DismissNotificationInput, ListNotificationsQuery } from "../../domain/notification-input.js";
import { hasRole } from "../../domain/roles.js";
import type { User } from "../../domain/user.js";
import { decodeCursor, encodeCursor, type Page, pageLimit } from "../../repositories/pagination.js";
import type { NotificationPosition } from "../../repositories/repository.js";
import { actorOf, atVersion } from "../access.js";
import { auditEvent } from "../audit.js";
import { parseInput } from "../parse-input.js";

/** Where a caller's list stands: in the undismissed part or the dismissed one, after this item. */
type Position = { d: boolean } & Partial<NotificationPosition>;
const isPosition = (value: unknown): value is Position => {
  const v = value as Record<string, unknown>;
  if (typeof v !== "object" || v === null || typeof v.d !== "boolean") return false;
  if (v.dueAt === undefined && v.notificationId === undefined) return true;
  return typeof v.notificationId === "string" && Timestamp.safeParse(v.dueAt).success;
};

/** A notification is the caller's when it is addressed to them or to everyone. */
const isFor = (n: Notification, user: User) => n.userId === undefined || n.userId === user.userId;

/**
 * Mine and everyone's, undismissed first, each part newest first (dueAt, then ID), one page at a
 * time. The two recipients' lists are merged on the same order, so a cursor is just the last item's
 * position (and which part it was in).
 */
export async function listNotifications(ctx: Ctx, raw: unknown): Promise<Page<Notification>> {
  const user = actorOf(ctx);
  const query = parseInput(ListNotificationsQuery, raw);
  const limit = pageLimit(query.limit);
  const parts = query.includeDismissed === "true" ? [false, true] : [false];
  const position: Position = query.cursor ? decodeCursor(query.cursor, isPosition) : { d: false };
  const items: Notification[] = [];
  let more = false;
  for (const dismissed of parts) {
    if (position.d && !dismissed) continue; // the cursor is already past the undismissed part
    const before =
      position.d === dismissed && position.dueAt && position.notificationId
        ? { dueAt: position.dueAt, notificationId: position.notificationId }
        : undefined;
    // One more than fits: whether the part goes on.
    const merged = await newestFor(ctx, user.userId, dismissed, before, limit - items.length + 1);
    const taken = merged.slice(0, limit - items.length);
    items.push(...taken);
    if (items.length === limit) {
      more = merged.length > taken.length || dismissed !== parts.at(-1);
      break;
    }
  }
  const last = items.at(-1);
  const nextCursor =
    more && last
      ? encodeCursor({ d: last.dismissedAt !== undefined, dueAt: last.dueAt, notificationId: last.notificationId })
      : null;
  return { items, nextCursor };
}

const newestFirst = (a: Notification, b: Notification) =>
  a.dueAt === b.dueAt ? (a.notificationId < b.notificationId ? 1 : -1) : a.dueAt < b.dueAt ? 1 : -1;

/**
 * Up to `limit` of a user's and everyone's notifications (undismissed or dismissed), newest first,
 * after `before`: each recipient's list gives `limit`, so the first `limit` of the merge are in order.
 */
export async function newestFor(
  ctx: Ctx,
  userId: string,
  dismissed: boolean,
  before: NotificationPosition | undefined,
  limit: number,
): Promise<Notification[]> {
  const [mine, everyone] = await Promise.all([
    ctx.repo.notifications.listForRecipient(userId, dismissed, before, limit),
    ctx.repo.notifications.listForRecipient(undefined, dismissed, before, limit),
  ]);
  return [...mine, ...everyone].sort(newestFirst).slice(0, limit);
}

/** How many undismissed notifications a user sees: theirs and everyone's. */
export async function undismissedCountFor(ctx: Ctx, userId: string): Promise<number> {
  const { notifications } = ctx.repo;
  const [mine, everyone] = await Promise.all([
    notifications.countUndismissed(userId),
    notifications.countUndismissed(undefined),
  ]);
  return mine + everyone;
}

/**
 * Dismisses one notification at `expectedVersion`: one's own (any role) or everyone's (operator and
 * up; it is then dismissed for everyone). Someone else's is not found, as it is not visible to them.
 */
export async function dismissNotification(ctx: Ctx, notificationId: string, raw: unknown): Promise<Notification> {
  const user = actorOf(ctx);
  const { expectedVersion } = parseInput(DismissNotificationInput, raw);
  const found = await ctx.repo.notifications.get(notificationId);
  if (!found || !isFor(found, user)) throw new NotFoundError("notification", notificationId);
  if (found.userId === undefined && !hasRole(user.role, "operator"))
    throw new ForbiddenError("a reminder to everyone is dismissed for everyone: this needs the operator role");
  const current = atVersion(found, expectedVersion, "notification", notificationId);
  if (current.dismissedAt) return current;
  return save(ctx, current, user);
}

function save(ctx: Ctx, notification: Notification, user: User): Promise<Notification> {
  const now = ctx.clock.now();
  const next: Notification = {
    ...notification,
    dismissedAt: now,
    dismissedBy: user.userId,
    version: notification.version + 1,
    updatedAt: now,
  };
  return ctx.repo.notifications.update(
    next,
    notification.version,
    auditEvent(ctx, "notification", notification.notificationId, "dismissed", { after: { dismissedAt: now } }),
  );
}

/** At most this many are dismissed by one call; `remaining` says whether to call again. */
const DISMISS_ALL_MAX = 1000;

/**
 * Dismisses every undismissed notification of the caller's, and everyone's too when they are an
 * operator or admin. One changed meanwhile is skipped (it is someone else's latest word).
 */
export async function dismissAllNotifications(ctx: Ctx): Promise<{ dismissed: number; remaining: boolean }> {
  const user = actorOf(ctx);
  const recipients = hasRole(user.role, "operator") ? [user.userId, undefined] : [user.userId];
  let dismissed = 0;
  for (const recipient of recipients) {
    let before: NotificationPosition | undefined;
    for (;;) {
      const page = await ctx.repo.notifications.listForRecipient(recipient, false, before, 100);
      for (const notification of page) {
        if (dismissed >= DISMISS_ALL_MAX) return { dismissed, remaining: true };
        try {
          await save(ctx, notification, user);
          dismissed++;
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
      const last = page.at(-1);
      if (!last || page.length < 100) break;
      before = { dueAt: last.dueAt, notificationId: last.notificationId };
    }
  }
  return { dismissed, remaining: false };
}
