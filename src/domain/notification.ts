import { z } from "zod";
import { Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";

export const NOTIFICATION_TYPES = [
  "task-due",
  "task-overdue",
  "follow-up-due",
  "missing-evidence",
  "recurring-due",
  "stage-change",
  "automation-failure",
  "workflow-message",
] as const;
export const NotificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof NotificationType>;

/**
 * A reminder for one user, or for everyone when `userId` is absent. `dedupeKey` is unique, so the
 * same reminder (type + subject + due moment) is never raised twice.
 */
export const Notification = z.strictObject({
  notificationId: idSchema("notification"),
  type: NotificationType,
  userId: idSchema("user").optional(),
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  recurringConfigId: idSchema("recurringConfig").optional(),
  message: z.string().trim().min(1).max(1000),
  dueAt: Timestamp,
  dedupeKey: z.string().min(1).max(300),
  dismissedAt: Timestamp.optional(),
  dismissedBy: idSchema("user").optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Notification = z.infer<typeof Notification>;
