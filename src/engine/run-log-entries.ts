import type { Bundle } from "../domain/bundle.js";
import { addMs, durationMs } from "../domain/duration.js";
import { atLeast, type RunLogEntry, type RunLogLevel, type RunLogSummary } from "../domain/run-log.js";
import type { StepExecution } from "../domain/step-execution.js";
import { ExecutionLog } from "../domain/workflow-definition.js";
import type { Decision, RunView } from "./run-view.js";

/*
 * A run's log: what one transition did, in words, as entries written in the same atomic write. The
 * workflow's `executionLog` says from which level entries are kept, which metadata fields they
 * carry, and for how long (the retention GC in the scheduler tick deletes them after; the counts
 * on the bundle's logSummary stay).
 */

const DEFAULT_LOG = ExecutionLog.parse({});
/** Entries one transition writes at most: they share its atomic write (DynamoDB: 100 items in all). */
export const MAX_ENTRIES_PER_TRANSITION = 20;

export type LogEnv = { now: string; mintId: () => string; actorId?: string };

type Draft = { level: RunLogLevel; message: string; step?: StepExecution };

export function runLogEntries(view: RunView, decision: Decision, env: LogEnv): RunLogEntry[] {
  const config = view.version.definition.executionLog ?? DEFAULT_LOG;
  const expiresAt = addMs(env.now, durationMs(config.retention) ?? 0);
  let drafts = describe(view, decision).filter((draft) => atLeast(draft.level, config.level));
  if (drafts.length > MAX_ENTRIES_PER_TRANSITION) {
    const left = drafts.length - (MAX_ENTRIES_PER_TRANSITION - 1);
    drafts = [
      ...drafts.slice(0, MAX_ENTRIES_PER_TRANSITION - 1),
      { level: "info", message: `and ${left} more changes in this transition (see the run's steps)` },
    ];
  }
  return drafts.map((draft) => {
    const metadata = metadataOf(config.metadata, decision.bundle, view, env, draft.step);
    return {
      runLogId: env.mintId(),
      bundleId: decision.bundle.bundleId,
      at: env.now,
      level: draft.level,
      ...(draft.step ? { stepId: draft.step.stepId, stepExecutionId: draft.step.stepExecutionId } : {}),
      message: draft.message.slice(0, 2000),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      expiresAt,
    };
  });
}

/** The bundle's summary with `entries` added. */
export function summarize(summary: RunLogSummary | undefined, entries: RunLogEntry[]): RunLogSummary | undefined {
  if (entries.length === 0) return summary;
  const at = entries[entries.length - 1]?.at;
  return {
    entries: (summary?.entries ?? 0) + entries.length,
    warnings: (summary?.warnings ?? 0) + entries.filter((e) => e.level === "warn").length,
    errors: (summary?.errors ?? 0) + entries.filter((e) => e.level === "error").length,
    firstAt: summary?.firstAt ?? entries[0]?.at,
    lastAt: at,
  };
}

/** In the order things happened: a run starting, steps finishing, steps starting, the run ending. */
function describe(view: RunView, decision: Decision): Draft[] {
  const drafts: Draft[] = [];
  const before = view.bundle.runStatus;
  const after = decision.bundle.runStatus;
  let runChange: Draft | undefined;
  if (after && after !== before) {
    // Between running and waiting is a run's everyday breathing (each look of a waiting step): debug.
    const flip = (before === "running" && after === "waiting") || (before === "waiting" && after === "running");
    const level: RunLogLevel = after === "failed" ? "error" : after === "canceled" ? "warn" : flip ? "debug" : "info";
    const error = after === "failed" && decision.bundle.error ? `: ${errorText(decision.bundle.error)}` : "";
    runChange = { level, message: `run ${before ?? "created"} -> ${after}${error}` };
  }
  const starting = before === "pending" || before === undefined;
  if (runChange && starting) drafts.push(runChange);
  const previous = new Map(view.steps.map((s) => [s.stepExecutionId, s]));
  for (const { next } of decision.updateSteps) {
    if (previous.get(next.stepExecutionId)?.status !== next.status) drafts.push(stepChange(next));
  }
  for (const step of decision.createSteps) {
    const name = stepName(step);
    if (step.status === "pending" && step.wakeAt && step.wakeAt > decision.bundle.updatedAt)
      drafts.push({ level: "info", message: `${name} waits until ${step.wakeAt}`, step });
    else drafts.push({ level: step.attempt > 1 ? "info" : "debug", message: `${name} ${step.status}`, step });
  }
  if (runChange && !starting) drafts.push(runChange);
  return drafts;
}

function stepChange(step: StepExecution): Draft {
  const name = stepName(step);
  switch (step.status) {
    case "completed":
      return { level: "info", message: `${name} completed`, step };
    case "failed":
      return { level: "error", message: `${name} failed: ${step.error ? errorText(step.error) : "no reason"}`, step };
    case "canceled":
      return { level: "warn", message: `${name} canceled`, step };
    case "waiting":
      return { level: "debug", message: `${name} waiting${step.wakeAt ? ` until ${step.wakeAt}` : ""}`, step };
    default:
      return { level: "debug", message: `${name} ${step.status}`, step };
  }
}

const stepName = (step: StepExecution) =>
  `step ${step.branchPath ? `${step.branchPath}/` : ""}${step.stepId} (visit ${step.visit}, attempt ${step.attempt})`;

const errorText = (error: { type: string; code?: string; message: string }) =>
  `${error.type}${error.code ? `/${error.code}` : ""}: ${error.message}`;

function metadataOf(
  names: readonly string[],
  bundle: Bundle,
  view: RunView,
  env: LogEnv,
  step: StepExecution | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {
    userId: env.actorId,
    correlationId: bundle.correlationId,
    triggerType: bundle.triggerType,
    triggerEventId: bundle.triggerEventId,
    workflowId: bundle.workflowId,
    workflowVersion: view.version.version,
    attempt: step?.attempt,
  };
  const kept: Record<string, unknown> = {};
  for (const name of names) if (values[name] !== undefined) kept[name] = values[name];
  return kept;
}
