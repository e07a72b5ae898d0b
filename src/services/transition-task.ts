import type { Ctx } from "../domain/ctx.js";
import { transitionRefused } from "../domain/errors.js";
import type { Task, TaskEvent, TaskStatus } from "../domain/task.js";
import { TRANSITION_INPUTS, type TransitionInput, type TransitionName } from "../domain/task-input.js";
import { stageChangeReminders } from "../scheduler/stage-change-reminders.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { bundleAfterTaskChange } from "./bundle-lifecycle.js";
import { parseInput } from "./parse-input.js";
import { checkProofGates } from "./proof-gates.js";
import { withBundle } from "./with-bundle.js";

type Rule = {
  from: TaskStatus[];
  event: TaskEvent["kind"];
  apply(task: Task, input: never, now: string, actorId: string): Task;
};

const clearWaiting = { waitingFor: undefined, followUpAt: undefined, followUpChannel: undefined };
const proofFields = (input: { link?: string; comment?: string; externalStatus?: string }) =>
  Object.fromEntries(
    Object.entries({ link: input.link, comment: input.comment, externalStatus: input.externalStatus }).filter(
      ([, v]) => v !== undefined,
    ),
  );

/** The task state machine: which statuses each action leaves from, and what it changes. */
const RULES: {
  [N in TransitionName]: Rule & { apply(task: Task, input: TransitionInput<N>, now: string, actorId: string): Task };
} = {
  complete: {
    from: ["todo"],
    event: "completed",
    apply: (t, i, now, actor) => ({ ...t, ...proofFields(i), status: "done", completedAt: now, completedBy: actor }),
  },
  "resolve-done": {
    from: ["waiting"],
    event: "completed",
    apply: (t, i, now, actor) => ({
      ...t,
      ...proofFields(i),
      ...clearWaiting,
      status: "done",
      completedAt: now,
      completedBy: actor,
    }),
  },
  reopen: {
    from: ["done", "archived"],
    event: "reopened",
    apply: (t) => ({ ...t, status: "todo", completedAt: undefined, completedBy: undefined }),
  },
  "mark-waiting": {
    from: ["todo"],
    event: "marked-waiting",
    apply: (t, i) => ({
      ...t,
      status: "waiting",
      waitingFor: i.waitingFor,
      followUpAt: i.followUpAt,
      followUpChannel: i.channel,
    }),
  },
  "follow-up-sent": {
    from: ["waiting"],
    event: "follow-up-sent",
    apply: (t, i) => ({ ...t, followUpAt: i.nextFollowUpAt, followUpChannel: i.channel ?? t.followUpChannel }),
  },
  "response-received": {
    from: ["waiting"],
    event: "response-received",
    apply: (t) => ({ ...t, ...clearWaiting, status: "todo" }),
  },
};

const HINTS: Partial<Record<`${TransitionName}:${TaskStatus}`, string>> = {
  "complete:waiting": "a waiting task is finished with resolve-done",
  "mark-waiting:waiting": "use follow-up-sent to record another follow-up",
};

/** Applies one transition (complete, reopen, mark-waiting, ...) with its gates, history, audit and bundle change. */
export async function transitionTask<N extends TransitionName>(
  ctx: Ctx,
  taskId: string,
  name: N,
  raw: unknown,
): Promise<Task> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(TRANSITION_INPUTS[name], raw) as TransitionInput<N>;
  const rule = RULES[name] as Rule;
  const task = atVersion(
    found(await ctx.repo.tasks.get(taskId), "task", taskId),
    input.expectedVersion,
    "task",
    taskId,
  );
  if (!rule.from.includes(task.status)) {
    const hint = HINTS[`${name}:${task.status}`];
    throw transitionRefused("a task", name, task.status, rule.from, hint);
  }
  const now = ctx.clock.now();
  const next: Task = {
    ...rule.apply(task, input as never, now, actor.userId),
    version: task.version + 1,
    updatedAt: now,
  };
  const note = "note" in input ? (input.note as string | undefined) : undefined;
  return withBundle(ctx, task.bundleId, async (bundle, bundleWrite) => {
    const proof = next.status === "done" ? await checkProofGates(ctx, next, bundle) : [];
    const event: TaskEvent = {
      taskEventId: ctx.ids.next("taskEvent"),
      taskId,
      bundleId: task.bundleId,
      kind: rule.event,
      actorId: actor.userId,
      note,
      changes: { status: { from: task.status, to: next.status } },
      createdAt: now,
    };
    const audit = auditEvent(ctx, "task", taskId, rule.event, {
      before: { status: task.status, version: task.version },
      after: { status: next.status, version: next.version },
    });
    const nextBundle = bundle && bundleAfterTaskChange(ctx, bundle, task, next);
    const notifications = bundle ? await stageChangeReminders(ctx, bundle, nextBundle, next) : [];
    return ctx.repo.tasks.update({
      task: { next, expectedVersion: task.version },
      bundle: bundleWrite(nextBundle),
      event,
      audit,
      unchanged: proof,
      notifications,
    });
  });
}
