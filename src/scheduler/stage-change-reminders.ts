import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import type { Notification } from "../domain/notification.js";
import type { Task } from "../domain/task.js";
import { listAllBundleTasks } from "../services/list-all-bundle-tasks.js";
import { notificationOf } from "./raise-reminders.js";
import { clip, isOpenTask, type Reminder, recipientOf } from "./reminder-rules.js";

/** Past this many recipients a stage change is one reminder to everyone (a DynamoDB write holds 100 items). */
const MAX_RECIPIENTS = 10;

/**
 * The reminders a bundle's stage change raises, for the caller to write in the same atomic write:
 * - `stage-change` to each person with open tasks in the bundle (else its creator, else everyone);
 * - `missing-evidence` for each bundle link still empty that an open task of a phase now reached
 *   requires (`validation.requiredBundleLinks`), to that task's recipient.
 * `changed` is the task as the same write leaves it, if a task change moved the stage.
 */
export async function stageChangeReminders(
  ctx: Ctx,
  before: Bundle,
  after: Bundle | undefined,
  changed?: Task,
): Promise<Notification[]> {
  if (!after || after.stage === before.stage) return [];
  const tasks = (await listAllBundleTasks(ctx, after.bundleId)).map((t) =>
    changed && t.taskId === changed.taskId ? changed : t,
  );
  const open = tasks.filter(isOpenTask);
  const people = [...new Set(open.map((t) => t.assigneeId).filter((id): id is string => id !== undefined))];
  const recipients: (string | undefined)[] =
    people.length > 0 && people.length <= MAX_RECIPIENTS ? people : [people.length > 0 ? undefined : after.createdBy];
  const moved = after.status === "completed" ? "is complete" : `moved from ${before.stage} to ${after.stage}`;
  const reminders: Reminder[] = recipients.map((userId) => ({
    type: "stage-change",
    dedupeKey: `stage-change:${after.bundleId}:${after.version}:${userId ?? "*"}`,
    userId,
    bundleId: after.bundleId,
    message: clip(`"${after.title}" ${moved}`),
  }));
  const links = await missingLinkReminders(ctx, after, open);
  // A link reminded of at an earlier stage is not raised again (its key would refuse the whole write).
  const taken = await ctx.repo.notifications.existingKeys(links.map((r) => r.dedupeKey));
  reminders.push(...links.filter((r) => !taken.has(r.dedupeKey)));
  return reminders.map((reminder) => notificationOf(ctx, reminder));
}

/** Bundle links that open tasks of the phases the stage has reached need, still empty. */
async function missingLinkReminders(ctx: Ctx, bundle: Bundle, open: Task[]): Promise<Reminder[]> {
  const version = bundle.workflowVersionId ? await ctx.repo.workflowVersions.get(bundle.workflowVersionId) : undefined;
  const stageOfPhase = new Map((version?.definition.phases ?? []).map((p) => [p.id, p.stage]));
  const reached = bundle.stages.indexOf(bundle.stage);
  const empty = new Set(bundle.links.filter((l) => l.url.trim() === "").map((l) => l.name));
  const found = new Map<string, Reminder>();
  for (const task of open) {
    const stage = task.phase ? stageOfPhase.get(task.phase) : undefined;
    if (stage === undefined || bundle.stages.indexOf(stage) > reached) continue;
    for (const link of task.validation?.requiredBundleLinks ?? []) {
      if (!empty.has(link)) continue;
      const userId = recipientOf(task, bundle);
      const dedupeKey = `missing-evidence:${bundle.bundleId}:link:${link}:${userId ?? "*"}`;
      found.set(dedupeKey, {
        type: "missing-evidence",
        dedupeKey,
        userId,
        bundleId: bundle.bundleId,
        message: clip(`"${bundle.title}" reached ${bundle.stage} and its link '${link}' is still empty`),
      });
    }
  }
  return [...found.values()].slice(0, MAX_RECIPIENTS);
}
