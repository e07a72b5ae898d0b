import type { Bundle } from "../domain/bundle.js";
import { type CalendarDate, daysBetween, type Timestamp } from "../domain/dates.js";
import type { NotificationType } from "../domain/notification.js";
import { OPEN_TASK_STATUSES, type Task } from "../domain/task.js";

/*
 * The reminder rules, pure: what a task or bundle calls for at a moment, with the deterministic key
 * that makes raising it idempotent. The tick (tick.ts) loads, asks these, and writes what is new.
 * docs/reminders-and-scheduling.md lists each rule, its key and its recipient.
 */

/** A reminder to raise; `userId` undefined addresses everyone. */
export type Reminder = {
  type: NotificationType;
  dedupeKey: string;
  userId?: string;
  taskId?: string;
  bundleId?: string;
  recurringConfigId?: string;
  message: string;
};

const MESSAGE_MAX = 1000;
export const clip = (text: string) => (text.length <= MESSAGE_MAX ? text : `${text.slice(0, MESSAGE_MAX - 1)}…`);
const quoted = (task: Task) =>
  `"${task.description.length > 200 ? `${task.description.slice(0, 199)}…` : task.description}"`;

export const isOpenTask = (task: Task) => (OPEN_TASK_STATUSES as readonly string[]).includes(task.status);

/** The task's assignee, else its bundle's creator, else everyone (undefined). */
export function recipientOf(task: Task, bundle: Bundle | undefined): string | undefined {
  return task.assigneeId ?? bundle?.createdBy;
}

function forTask(task: Task, bundle: Bundle | undefined, type: NotificationType, key: string, message: string) {
  return {
    type,
    dedupeKey: `${type}:${task.taskId}:${key}`,
    userId: recipientOf(task, bundle),
    taskId: task.taskId,
    bundleId: task.bundleId,
    message: clip(message),
  } satisfies Reminder;
}

/** `task-due`: an open task whose date is today. Key: task + date. */
export function dueToday(task: Task, bundle: Bundle | undefined, today: CalendarDate): Reminder | undefined {
  if (!isOpenTask(task) || task.date !== today) return undefined;
  return forTask(task, bundle, "task-due", task.date, `${quoted(task)} is due today (${task.date})`);
}

/**
 * `task-overdue`: an open task whose date has passed; raised on the first day late and again every
 * `repeatDays` while it stays open. Key: task + date + period (0 on the first day late, then 1, 2...).
 */
export function overdue(
  task: Task,
  bundle: Bundle | undefined,
  today: CalendarDate,
  repeatDays: number,
): Reminder | undefined {
  const late = daysBetween(task.date, today);
  if (!isOpenTask(task) || late < 1) return undefined;
  const period = Math.floor((late - 1) / repeatDays);
  const days = late === 1 ? "1 day" : `${late} days`;
  return forTask(
    task,
    bundle,
    "task-overdue",
    `${task.date}:${period}`,
    `${quoted(task)} is overdue: it was due ${task.date} (${days} ago)`,
  );
}

/** `follow-up-due`: a waiting task whose follow-up time has passed. Key: task + followUpAt. */
export function followUpDue(task: Task, bundle: Bundle | undefined, now: Timestamp): Reminder | undefined {
  if (task.status !== "waiting" || !task.followUpAt || task.followUpAt > now) return undefined;
  const about = task.waitingFor ? ` (waiting for ${task.waitingFor})` : "";
  const via = task.followUpChannel ? ` by ${task.followUpChannel}` : "";
  return forTask(task, bundle, "follow-up-due", task.followUpAt, `Follow up${via} on ${quoted(task)}${about}`);
}

/**
 * `missing-evidence` for a task: open, with proof still unmet (`missing`, in words), and due within
 * `withinDays` days from today. Key: task + date, so a rescheduled task is reminded again.
 */
export function taskMissingEvidence(
  task: Task,
  bundle: Bundle | undefined,
  today: CalendarDate,
  withinDays: number,
  missing: string | undefined,
): Reminder | undefined {
  const ahead = daysBetween(today, task.date);
  if (!isOpenTask(task) || missing === undefined || ahead < 0 || ahead > withinDays) return undefined;
  const when = ahead === 0 ? "today" : `on ${task.date}`;
  return forTask(task, bundle, "missing-evidence", task.date, `${quoted(task)} is due ${when} and ${missing}`);
}

/** Whether the task declares proof of any kind (only those are checked for missing evidence). */
export const declaresProof = (task: Task) =>
  task.requiredLinkName !== undefined ||
  task.requiresFile ||
  (task.proofRequirement !== undefined && task.proofRequirement.required !== false) ||
  (task.validation?.requiredBundleLinks?.length ?? 0) > 0;
