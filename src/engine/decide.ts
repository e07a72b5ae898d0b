import type { Bundle } from "../domain/bundle.js";
import type { StepExecution } from "../domain/step-execution.js";
import type { TaskAction } from "../domain/workflow-definition.js";
import { markCompleted } from "../services/bundle-lifecycle.js";
import { actionNamed } from "./actions/registry.js";
import { RunDraft } from "./run-draft.js";
import type { ActionOutcome, DecideEnv, Decision, EngineEvent, RunView } from "./run-view.js";
import { begin, cancelUnder, complete, deadlineOf, fail, humanOutput, startVisit, timeoutError } from "./step-flow.js";

/*
 * The engine's pure core: given a run as stored and one event, decide the transition (records to
 * write, effects to start after the write). No I/O. The driver (./advance-run.ts) loads, calls this,
 * writes the decision in one atomic call and runs its effects.
 */

const LIVE = ["pending", "running", "waiting"];
const isLive = (bundle: Bundle) => LIVE.includes(bundle.runStatus ?? "");

/** The transition `event` causes, or undefined when it changes nothing and starts nothing. */
export function decide(view: RunView, event: EngineEvent, env: DecideEnv): Decision | undefined {
  const d = new RunDraft(view, env);
  const b = d.bundle;
  if (event.type === "cancel") {
    if (!isLive(b)) return undefined;
    cancelUnder(d, "", "the run was canceled");
    Object.assign(b, { runStatus: "canceled", status: "canceled" });
    d.notes.push("run canceled");
  } else if (event.type === "retry") {
    if (b.runStatus !== "failed" || !b.error?.stepId) return undefined;
    const stepId = b.error.stepId;
    const failedAt = d.attemptsOf("", stepId).at(-1);
    Object.assign(b, { runStatus: "running", error: undefined });
    d.notes.push(`run retried from ${stepId}`);
    startVisit(d, "", stepId, failedAt?.input ?? {});
  } else if (event.type === "results") {
    for (const outcome of event.results) applyResult(d, outcome);
  }
  if (b.runStatus === "pending") {
    b.runStatus = "running";
    d.notes.push("run started");
    startVisit(d, "", view.graph.entry, b.input ?? {});
  }
  if (isLive(b)) wake(d, event.type !== "results");
  const bundle = settle(d);
  const decision = d.decision(bundle);
  const changed =
    decision.createSteps.length + decision.updateSteps.length + decision.createTasks.length > 0 ||
    JSON.stringify({ ...bundle, version: 0, updatedAt: "" }) !==
      JSON.stringify({ ...view.bundle, version: 0, updatedAt: "" });
  if (!changed && decision.effects.length === 0) return undefined;
  return changed ? decision : { ...decision, bundle: view.bundle, write: false };
}

function applyResult(d: RunDraft, outcome: ActionOutcome) {
  const record = d.records.get(outcome.stepExecutionId);
  if (record?.status !== "running") return; // a late or repeated delivery: already decided
  const deadline = deadlineOf(d, record);
  if (deadline && deadline <= d.now) return fail(d, record, timeoutError(d, record));
  const { result } = outcome;
  if (result.status === "failed") return fail(d, record, result.error);
  if (result.status === "waiting") {
    const wakeAt = deadline && deadline < result.until ? deadline : result.until;
    d.changeRecord(record, { status: "waiting", wakeAt });
    return;
  }
  const writes = result.writes ?? {};
  const b = d.bundle;
  if (writes.variables) b.variables = { ...(b.variables ?? {}), ...writes.variables };
  for (const task of writes.tasks ?? []) {
    b.taskCount += 1;
    b.openTaskCount += task.status === "todo" || task.status === "waiting" ? 1 : 0;
    d.addTask(task, {
      taskEventId: d.env.mint("taskEvent"),
      taskId: task.taskId,
      bundleId: b.bundleId,
      kind: "created",
      actorId: d.env.actorId,
      changes: { stepId: record.stepId },
      createdAt: d.now,
    });
  }
  d.notifications.push(...(writes.notifications ?? []));
  if (writes.stage !== undefined && b.stages.includes(writes.stage)) b.stage = writes.stage;
  complete(d, record, result.output);
}

/** Fires what is due: timeouts, pending attempts whose wait is over, finished delays and human tasks. */
function wake(d: RunDraft, resume: boolean) {
  const resumed = new Set<string>();
  for (let pass = 0; pass < 1000; pass++) {
    let moved = false;
    for (const seen of d.active()) {
      const record = d.records.get(seen.stepExecutionId) as StepExecution;
      if (!LIVE.includes(record.status) || !isLive(d.bundle)) continue;
      moved = wakeOne(d, record, resume, resumed) || moved;
    }
    if (!moved) return;
  }
}

function wakeOne(d: RunDraft, record: StepExecution, resume: boolean, resumed: Set<string>): boolean {
  const kind = d.graph.steps.get(record.stepId)?.kind;
  const deadline = deadlineOf(d, record);
  // A person who finished before anyone noticed the deadline has finished: their work counts.
  const finishedTask = record.taskId ? d.tasks.get(record.taskId) : undefined;
  if (record.status === "waiting" && kind === "human" && finishedTask?.status === "done") {
    complete(d, record, humanOutput(finishedTask));
    return true;
  }
  if (record.status !== "pending" && deadline && deadline <= d.now) {
    fail(d, record, timeoutError(d, record));
    return true;
  }
  if (record.status === "pending") {
    if (record.wakeAt !== undefined && record.wakeAt > d.now) return false;
    begin(d, record);
    return true;
  }
  if (record.status === "waiting" && kind === "human") {
    const task = record.taskId ? d.tasks.get(record.taskId) : undefined;
    if (task?.status === "done") complete(d, record, humanOutput(task));
    else if (!task || task.status === "archived") {
      const message = task ? `task ${task.taskId} was archived` : `task ${record.taskId} was deleted`;
      fail(d, record, { type: "TaskClosedError", message });
    } else return false;
    return true;
  }
  if (record.status === "waiting") {
    if (record.wakeAt === undefined || record.wakeAt > d.now) return false;
    const action = d.graph.steps.get(record.stepId)?.task?.action;
    if (action && actionNamed(action.type)?.recheck) {
      // Look again: the same attempt runs its action once more, under the same idempotency key.
      d.changeRecord(record, { status: "running", wakeAt: undefined });
      deliverAgain(d, record, action, deadline);
      resumed.add(record.stepExecutionId);
      return true;
    }
    complete(d, record, record.input ?? {});
    return true;
  }
  // Resume an attempt a worker started and never finished; not one this very decision started.
  const alreadyQueued = d.effects.some((e) => e.stepExecutionId === record.stepExecutionId);
  if (
    record.status === "running" &&
    kind === "action" &&
    resume &&
    !alreadyQueued &&
    !resumed.has(record.stepExecutionId)
  ) {
    resumed.add(record.stepExecutionId);
    const action = d.graph.steps.get(record.stepId)?.task?.action;
    if (action) deliverAgain(d, record, action, deadline);
  }
  return false;
}

/** Runs an attempt's action once more, under the attempt's own idempotency key. */
function deliverAgain(d: RunDraft, record: StepExecution, action: TaskAction, deadline: string | undefined) {
  d.effects.push({
    stepExecutionId: record.stepExecutionId,
    stepId: record.stepId,
    action,
    idempotencyKey: record.stepExecutionId,
    deadline,
  });
}

/** The run's status and next wake-up from its attempts; completion when nothing is left to do. */
function settle(d: RunDraft): Bundle {
  const b = d.bundle;
  if (isLive(b)) {
    const active = d.active();
    if (active.length === 0) {
      b.runStatus = "completed";
      markCompleted(b, d.now, d.env.actorId);
      d.notes.push("run completed");
    } else {
      const runnable = active.some((r) => r.status === "running" && d.graph.steps.get(r.stepId)?.kind === "action");
      b.runStatus = runnable ? "running" : "waiting";
    }
  }
  b.runWakeAt = isLive(b) ? wakeTime(d) : undefined;
  if (b.runWakeAt === undefined) delete b.runWakeAt;
  return { ...b, version: d.view.bundle.version + 1, updatedAt: d.now };
}

function wakeTime(d: RunDraft): string | undefined {
  let earliest: string | undefined;
  for (const r of d.active()) {
    const kind = d.graph.steps.get(r.stepId)?.kind;
    const at =
      r.status === "pending" ? (r.wakeAt ?? d.now) : r.status === "running" && kind === "action" ? d.now : r.wakeAt;
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}
