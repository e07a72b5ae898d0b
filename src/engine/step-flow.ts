import { celMessage, evaluateCel } from "../domain/cel-expression.js";
import { addMs, durationMs } from "../domain/duration.js";
import type { StepError, StepExecution } from "../domain/step-execution.js";
import type { Task } from "../domain/task.js";
import { templateTask } from "../services/build-bundle-tasks.js";
import { childPath, childPrefix, parentOf } from "./branch-paths.js";
import { conditionScope } from "./condition-scope.js";
import type { GraphStep } from "./graph.js";
import { DEFAULT_RETRY, retryDelayMs } from "./retry-delay.js";
import { attemptKey, isActive, MAX_RUN_RECORDS, type RunDraft } from "./run-draft.js";

/*
 * The step rules: how an attempt starts, finishes, fails, retries and hands over to the next step,
 * and how branches join. Pure: they edit a RunDraft, which becomes one atomic write.
 * docs/workflow-engine.md states each rule in words.
 */

type Json = Record<string, unknown>;

/** An error as the store keeps it: names of at most 100 characters, a message of at most 2,000. */
function clipped(error: StepError): StepError {
  const name = (text: string) => text.trim().slice(0, 100) || "Error";
  const out: StepError = { type: name(error.type), message: error.message.slice(0, 2000) };
  if (error.code !== undefined) out.code = name(error.code);
  return out;
}

/** Errors no retry can cure: the step's own outcome, read again, would choose the same way. */
const NOT_RETRIED = new Set(["TransitionError", "ConditionError", "LimitError"]);

function graphStep(d: RunDraft, stepId: string): GraphStep {
  const found = d.graph.steps.get(stepId);
  if (!found) throw new Error(`workflow ${d.graph.workflowId} has no step ${stepId}`);
  return found;
}

export function deadlineOf(d: RunDraft, record: StepExecution): string | undefined {
  const timeout = graphStep(d, record.stepId).step.timeout;
  return timeout && record.startedAt ? addMs(record.startedAt, durationMs(timeout) ?? 0) : undefined;
}

export const timeoutError = (d: RunDraft, record: StepExecution): StepError => ({
  type: "TimeoutError",
  message: `step ${record.stepId} did not finish within ${graphStep(d, record.stepId).step.timeout}`,
});

const label = (r: StepExecution) => `${r.branchPath ? `${r.branchPath}/` : ""}${r.stepId}#${r.visit}.${r.attempt}`;

/** Reaches `stepId` in `branchPath` again (or for the first time): a new visit, attempt 1. */
export function startVisit(d: RunDraft, branchPath: string, stepId: string, input: Json) {
  if (d.recordCount >= MAX_RUN_RECORDS) {
    failRun(d, { type: "LimitError", message: `the run reached ${MAX_RUN_RECORDS} step attempts` }, stepId);
    return;
  }
  const visit = (d.attemptsOf(branchPath, stepId).at(-1)?.visit ?? 0) + 1;
  createAttempt(d, { branchPath, stepId, visit, attempt: 1, input });
}

function createAttempt(
  d: RunDraft,
  at: { branchPath: string; stepId: string; visit: number; attempt: number; input: Json; wakeAt?: string },
) {
  const key = { bundleId: d.bundle.bundleId, ...at };
  const record: StepExecution = {
    stepExecutionId: d.derived("stepExecution", attemptKey(key)),
    ...key,
    status: "pending",
    version: 1,
    createdAt: d.now,
    updatedAt: d.now,
  };
  if (at.wakeAt === undefined) delete record.wakeAt;
  d.addRecord(record);
  if (at.wakeAt === undefined || at.wakeAt <= d.now) begin(d, record);
  else d.notes.push(`${label(record)} retries at ${at.wakeAt}`);
}

/** Starts a pending attempt: a person gets a task, an action is handed to the driver, branches start. */
export function begin(d: RunDraft, record: StepExecution) {
  const gs = graphStep(d, record.stepId);
  const deadline = gs.step.timeout ? addMs(d.now, durationMs(gs.step.timeout) ?? 0) : undefined;
  const started = { startedAt: d.now, wakeAt: deadline };
  d.notes.push(`${label(record)} started`);
  if (gs.kind === "human") {
    const task = stepTask(d, record, gs);
    d.changeRecord(record, { ...started, status: "waiting", taskId: task.taskId });
  } else if (gs.kind === "action" && gs.task?.action) {
    const running = d.changeRecord(record, { ...started, status: "running" });
    d.effects.push({
      stepExecutionId: running.stepExecutionId,
      stepId: running.stepId,
      action: gs.task.action,
      idempotencyKey: running.stepExecutionId,
      deadline,
    });
  } else {
    const running = d.changeRecord(record, { ...started, status: "running", output: {} });
    for (const branch of d.graph.branches.get(record.stepId) ?? [])
      startVisit(d, childPath(running, branch.branchId), branch.entry, record.input ?? {});
  }
}

function stepTask(d: RunDraft, record: StepExecution, gs: GraphStep): Task {
  const definition = gs.task;
  if (!definition) throw new Error(`step ${record.stepId} has no task definition`);
  const version = d.view.version;
  const task: Task = {
    ...templateTask(d.bundle, version, definition, {
      taskId: d.derived("task", record.stepExecutionId),
      order: d.bundle.taskCount,
      assigneeId: definition.assigneeId ?? version.definition.defaultAssigneeId,
      actorId: d.env.actorId,
      now: d.now,
    }),
    description: gs.step.name ? `${gs.step.name}: ${definition.description}`.slice(0, 2000) : definition.description,
    stepExecutionId: record.stepExecutionId,
    source: "workflow",
  };
  d.bundle.taskCount += 1;
  d.bundle.openTaskCount += 1;
  d.addTask(task, {
    taskEventId: d.env.mint("taskEvent"),
    taskId: task.taskId,
    bundleId: d.bundle.bundleId,
    kind: "created",
    actorId: d.env.actorId,
    changes: { stepId: record.stepId, stepExecutionId: record.stepExecutionId },
    createdAt: d.now,
  });
  return task;
}

/** What a finished human step hands on: its outcome and how it was proved. */
export function humanOutput(task: Task): Json {
  const output: Json = { taskId: task.taskId, completedAt: task.completedAt ?? null };
  for (const field of ["outcome", "completedBy", "link", "comment", "externalStatus"] as const)
    if (task[field] !== undefined && task[field] !== "") output[field] = task[field];
  return output;
}

/** Closes the open task of an attempt that ended without it (failed, timed out, canceled). */
function closeTask(d: RunDraft, record: StepExecution, why: string) {
  const task = record.taskId ? d.tasks.get(record.taskId) : undefined;
  if (!task || (task.status !== "todo" && task.status !== "waiting")) return;
  d.bundle.openTaskCount -= 1;
  d.changeTask(
    task,
    { status: "archived", waitingFor: undefined, followUpAt: undefined, followUpChannel: undefined },
    {
      taskEventId: d.env.mint("taskEvent"),
      taskId: task.taskId,
      bundleId: d.bundle.bundleId,
      kind: "archived",
      actorId: d.env.actorId,
      note: why,
      changes: { status: { from: task.status, to: "archived" } },
      createdAt: d.now,
    },
  );
}

export function complete(d: RunDraft, record: StepExecution, output: Json) {
  const done = d.changeRecord(record, { status: "completed", endedAt: d.now, output, wakeAt: undefined });
  d.notes.push(`${label(done)} completed`);
  route(d, done);
}

/** Takes the first transition whose condition holds (or that has none); none matching is a TransitionError. */
function route(d: RunDraft, record: StepExecution) {
  const transitions = graphStep(d, record.stepId).step.next ?? [];
  const data = record.output ?? {};
  if (transitions.length === 0) return pathEnded(d, record.branchPath, data);
  const scope = conditionScope(d.bundle, d.records.values(), data);
  for (const transition of transitions) {
    if (transition.condition !== undefined) {
      let holds: unknown;
      try {
        holds = evaluateCel(transition.condition, scope);
      } catch (error) {
        const message = `condition "${transition.condition}" failed: ${celMessage(error)}`;
        return fail(d, record, { type: "ConditionError", message });
      }
      if (typeof holds !== "boolean") {
        const message = `condition "${transition.condition}" gave ${JSON.stringify(holds)}, not true or false`;
        return fail(d, record, { type: "ConditionError", message });
      }
      if (!holds) continue;
    }
    return startVisit(d, record.branchPath, transition.nextStepId, data);
  }
  fail(d, record, { type: "TransitionError", message: `no transition of step ${record.stepId} matched` });
}

/** An attempt failed: retry while attempts remain, else the error handlers, else the path fails. */
export function fail(d: RunDraft, record: StepExecution, raw: StepError) {
  const gs = graphStep(d, record.stepId);
  const error = clipped(raw);
  const failed = d.changeRecord(record, { status: "failed", endedAt: d.now, error, wakeAt: undefined });
  d.notes.push(`${label(failed)} failed: ${error.type}`);
  closeTask(d, failed, `the step failed: ${error.message}`.slice(0, 5000));
  if (gs.kind === "parallel") cancelUnder(d, childPrefix(failed), "the parallel step failed");
  const policy = gs.step.retryPolicy ?? (gs.onFailure?.action === "retry" ? DEFAULT_RETRY : undefined);
  if (policy && !NOT_RETRIED.has(error.type) && failed.attempt < policy.maxAttempts) {
    const wait = retryDelayMs(policy, failed.attempt, d.env.random);
    const { branchPath, stepId, visit } = failed;
    const wakeAt = wait > 0 ? addMs(d.now, wait) : undefined;
    createAttempt(d, { branchPath, stepId, visit, attempt: failed.attempt + 1, input: failed.input ?? {}, wakeAt });
    return;
  }
  handle(d, failed, error);
}

function handle(d: RunDraft, record: StepExecution, error: StepError) {
  const onFailure = graphStep(d, record.stepId).onFailure;
  const handlerInput: Json = { error, stepId: record.stepId };
  for (const c of onFailure?.errorHandler?.conditions ?? []) {
    const typeMatches = c.errorType === undefined || c.errorType === error.type;
    const codeMatches = c.errorCode === undefined || c.errorCode === error.code;
    if (typeMatches && codeMatches) return startVisit(d, record.branchPath, c.nextStepId, handlerInput);
  }
  if (onFailure?.action === "continue") {
    if (onFailure.nextStepId) return startVisit(d, record.branchPath, onFailure.nextStepId, handlerInput);
    return pathEnded(d, record.branchPath, handlerInput);
  }
  pathFailed(d, record.branchPath, error, record.stepId);
}

function runningParent(d: RunDraft, branchPath: string): StepExecution | undefined {
  const parent = parentOf(branchPath);
  return d
    .attemptsOf(parent.branchPath, parent.stepId)
    .filter((r) => r.visit === parent.visit && r.status === "running")
    .at(-1);
}

/** A path ended well: at the top level nothing more; in a branch, the branch's output joins its parallel step. */
function pathEnded(d: RunDraft, branchPath: string, output: Json) {
  if (branchPath === "") return;
  const parent = runningParent(d, branchPath);
  if (!parent) return;
  const outputs = { ...(parent.output ?? {}), [parentOf(branchPath).branchId]: output };
  const branches = d.graph.branches.get(parent.stepId) ?? [];
  if (branches.every((b) => Object.hasOwn(outputs, b.branchId))) {
    complete(d, parent, Object.fromEntries(branches.map((b) => [b.branchId, outputs[b.branchId]])));
  } else {
    d.changeRecord(parent, { output: outputs });
  }
}

/** A path failed with nothing to catch it: its parallel step fails (cancelling siblings), or the run does. */
function pathFailed(d: RunDraft, branchPath: string, error: StepError, stepId: string) {
  if (branchPath === "") return failRun(d, error, stepId);
  const parent = runningParent(d, branchPath);
  if (!parent) return;
  const branchId = parentOf(branchPath).branchId;
  fail(d, parent, { ...error, message: `branch ${branchId}: ${error.message}`.slice(0, 2000) });
}

export function failRun(d: RunDraft, error: StepError, stepId: string) {
  cancelUnder(d, "", "the run failed");
  d.bundle.runStatus = "failed";
  d.bundle.error = { ...error, stepId };
  d.notes.push(`run failed at ${stepId}: ${error.type}`);
}

/** Ends every active attempt whose branch path starts with `prefix` ("" for all), closing their tasks. */
export function cancelUnder(d: RunDraft, prefix: string, why: string) {
  for (const record of d.active()) {
    if (!record.branchPath.startsWith(prefix) || !isActive(d.records.get(record.stepExecutionId) ?? record)) continue;
    const canceled = d.changeRecord(record, { status: "canceled", endedAt: d.now, wakeAt: undefined });
    closeTask(d, canceled, why);
  }
}
