import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { addDays, type CalendarDate, type Timestamp } from "../domain/dates.js";
import { ProofMissingError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { checkProofGates } from "../services/proof-gates.js";
import { raiseReminders } from "./raise-reminders.js";
import {
  declaresProof,
  dueToday,
  followUpDue,
  isOpenTask,
  overdue,
  type Reminder,
  taskMissingEvidence,
} from "./reminder-rules.js";
import type { SchedulerSettings } from "./settings.js";

/** Tasks read per page: also the most keys one lookup takes. */
const PAGE = 100;

type Rule = (task: Task, bundle: Bundle | undefined) => Reminder | undefined | Promise<Reminder | undefined>;

/** A tick's bundle reads, each bundle read once: what "else the bundle's creator" needs. */
export function bundleLookup(ctx: Ctx): (bundleId: string | undefined) => Promise<Bundle | undefined> {
  const seen = new Map<string, Promise<Bundle | undefined>>();
  return (bundleId) => {
    if (!bundleId) return Promise.resolve(undefined);
    let found = seen.get(bundleId);
    if (!found) {
      found = ctx.repo.bundles.get(bundleId);
      seen.set(bundleId, found);
    }
    return found;
  };
}
export type BundleLookup = ReturnType<typeof bundleLookup>;

/**
 * Every page of an index-served task list through `rule`, each page's new reminders raised before the
 * next page is read. Keys already taken are looked up first (one query a page), so a backlog that was
 * reminded already costs no bundle reads; the rule runs again with the bundle only for what is new.
 */
async function remindEach(
  ctx: Ctx,
  bundles: BundleLookup,
  list: (page: PageRequest) => Promise<Page<Task>>,
  rule: Rule,
): Promise<number> {
  let raised = 0;
  let cursor: string | undefined;
  do {
    const page = await list({ limit: PAGE, cursor });
    const drafts: { task: Task; key: string }[] = [];
    for (const task of page.items) {
      const draft = await rule(task, undefined);
      if (draft) drafts.push({ task, key: draft.dedupeKey });
    }
    const taken = await ctx.repo.notifications.existingKeys(drafts.map((d) => d.key));
    const fresh = drafts.filter((d) => !taken.has(d.key)).map((d) => d.task);
    // Their bundles read at once (each once per tick), not one after another.
    await Promise.all([...new Set(fresh.map((t) => t.bundleId))].map(bundles));
    const reminders: Reminder[] = [];
    for (const task of fresh) {
      const reminder = await rule(task, await bundles(task.bundleId));
      if (reminder) reminders.push(reminder);
    }
    raised += await raiseReminders(ctx, reminders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return raised;
}

/** Every tick: tasks due today (tasks dated today) and follow-ups due (waiting tasks past their time). */
export async function remindDueAndFollowUps(
  ctx: Ctx,
  bundles: BundleLookup,
  today: CalendarDate,
  now: Timestamp,
): Promise<number> {
  const due = await remindEach(
    ctx,
    bundles,
    (page) => ctx.repo.tasks.listForDate(today, page),
    (task, bundle) => dueToday(task, bundle, today),
  );
  const followUps = await remindEach(
    ctx,
    bundles,
    (page) => ctx.repo.tasks.listFollowUpDue(now, page),
    (task, bundle) => followUpDue(task, bundle, now),
  );
  return due + followUps;
}

/**
 * Once per team day (the date changes every reminder these rules raise): overdue open tasks, and
 * open tasks with unmet proof due within `missingEvidenceDays`.
 */
export async function dailySweep(
  ctx: Ctx,
  bundles: BundleLookup,
  today: CalendarDate,
  settings: SchedulerSettings,
): Promise<number> {
  const late = await remindEach(
    ctx,
    bundles,
    (page) => ctx.repo.tasks.listOverdue(today, page),
    (task, bundle) => overdue(task, bundle, today, settings.overdueRepeatDays),
  );
  const until = addDays(today, settings.missingEvidenceDays);
  const evidence = await remindEach(
    ctx,
    bundles,
    (page) => ctx.repo.tasks.listDueBetween(today, until, page),
    async (task, bundle) =>
      isOpenTask(task) && declaresProof(task)
        ? taskMissingEvidence(task, bundle, today, settings.missingEvidenceDays, await unmetProof(ctx, task, bundle))
        : undefined,
  );
  return late + evidence;
}

/** What the task's proof still lacks, in words ("still needs ..."), or undefined when every gate passes. */
async function unmetProof(ctx: Ctx, task: Task, bundle: Bundle | undefined): Promise<string | undefined> {
  try {
    await checkProofGates(ctx, { ...task, status: "done" }, bundle);
    return undefined;
  } catch (error) {
    if (error instanceof ProofMissingError) return `still needs proof: ${error.message}`;
    throw error;
  }
}
