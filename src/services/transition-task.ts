import type { Ctx } from "../domain/ctx.js";
import { ConflictError, transitionRefused, ValidationError } from "../domain/errors.js";
import type { Task, TaskEvent, TaskStatus } from "../domain/task.js";
import { TRANSITION_INPUTS, type TransitionInput, type TransitionName } from "../domain/task-input.js";
import { advanceInRequest } from "../engine/start-run.js";
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
type ProofInput = { outcome?: string; link?: string; comment?: string; externalStatus?: string };
const proofFields = (input: ProofInput) =>
  Object.fromEntries(
    Object.entries({
      outcome: input.outcome,
      link: input.link,
      comment: input.comment,
      externalStatus: input.externalStatus,
    }).filter(([, v]) => v !== undefined),
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
    apply: (t) => ({ ...t, status: "todo", completedAt: undefined, completedBy: undefined, outcome: undefined }),
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
  if (name === "reopen" && task.stepExecutionId) {
    throw new ConflictError(
      "a workflow step's task is part of its run's history and cannot be reopened; retry the run or start a new one",
      { taskId, stepExecutionId: task.stepExecutionId },
    );
  }
  if (!rule.from.includes(task.status)) {
    const hint = HINTS[`${name}:${task.status}`];
    throw transitionRefused("a task", name, task.status, rule.from, hint);
  }
  checkOutcome(task, input as ProofInput, rule.event === "completed");
  const now = ctx.clock.now();
  const next: Task = {
    ...rule.apply(task, input as never, now, actor.userId),
    version: task.version + 1,
    updatedAt: now,
  };
  const note = "note" in input ? (input.note as string | undefined) : undefined;
  let wakesRun = false;
  const saved = await withBundle(ctx, task.bundleId, async (bundle, bundleWrite) => {
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
    wakesRun = task.stepExecutionId !== undefined && next.status !== task.status;
    return ctx.repo.tasks.update({
      task: { next, expectedVersion: task.version },
      bundle: bundleWrite(nextBundle),
      event,
      audit,
      unchanged: proof,
      notifications,
    });
  });
  // A step's task changed: the run moves on in this request as far as it can without outside work.
  if (wakesRun && task.bundleId) await advanceInRequest(ctx, task.bundleId);
  return saved;
}

/** Completing a task with outcomes takes one of them; any other change, or a task without outcomes, takes none. */
function checkOutcome(task: Task, input: ProofInput, completing: boolean) {
  const choices = task.outcomes ?? [];
  const issue = (message: string, detail: string) =>
    new ValidationError(message, { issues: [{ path: "outcome", message: detail }] });
  if (input.outcome === undefined) {
    if (completing && choices.length > 0)
      throw issue(`this task needs an outcome: one of ${choices.join(", ")}`, `required: one of ${choices.join(", ")}`);
    return;
  }
  if (choices.length === 0) throw issue("this task has no outcomes to choose from", "not accepted for this task");
  if (!choices.includes(input.outcome))
    throw issue(`outcome must be one of ${choices.join(", ")}`, `expected one of ${choices.join(", ")}`);
}
