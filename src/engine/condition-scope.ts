import type { Bundle } from "../domain/bundle.js";
import type { StepExecution } from "../domain/step-execution.js";

/** Each step's latest attempt, as conditions see it: `steps.<stepId>.output`, `.status`, `.error`. */
function latestByStep(records: Iterable<StepExecution>): Record<string, unknown> {
  const latest = new Map<string, StepExecution>();
  for (const r of records) {
    const seen = latest.get(r.stepId);
    if (!seen || r.visit > seen.visit || (r.visit === seen.visit && r.attempt > seen.attempt)) latest.set(r.stepId, r);
  }
  return Object.fromEntries(
    [...latest].map(([stepId, r]) => [stepId, { status: r.status, output: r.output ?? {}, error: r.error ?? null }]),
  );
}

/**
 * The variables a condition (and an action's expressions) can read: `data` (what the step just
 * finished produced, or what the step starting receives), `input`, `steps`, `variables`, `bundle`.
 */
export function conditionScope(
  b: Bundle,
  records: Iterable<StepExecution>,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return {
    data,
    input: b.input ?? {},
    variables: b.variables ?? {},
    steps: latestByStep(records),
    bundle: {
      bundleId: b.bundleId,
      title: b.title,
      stage: b.stage,
      status: b.status,
      anchorDate: b.anchorDate,
      tags: b.tags,
      correlationId: b.correlationId ?? null,
    },
  };
}
