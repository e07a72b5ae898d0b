import { z } from "zod";
import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import type { StepExecution } from "../domain/step-execution.js";
import { atVersion, found, requireRole } from "../services/access.js";
import { parseInput } from "../services/parse-input.js";
import { advanceRun } from "./advance-run.js";
import { listAllSteps, workflowGraph } from "./load-run.js";
import type { EngineEvent } from "./run-view.js";
import { leftRunnable } from "./start-run.js";

export const RunActionInput = z.strictObject({ expectedVersion: z.number().int().min(1).optional() });
export type RunActionInput = z.infer<typeof RunActionInput>;

export type RunState = {
  bundleId: string;
  workflowId?: string;
  workflowVersionId?: string;
  runStatus: NonNullable<Bundle["runStatus"]>;
  input: Record<string, unknown>;
  variables: Record<string, unknown>;
  error?: Bundle["error"];
  correlationId?: string;
  runWakeAt?: string;
  triggerType?: Bundle["triggerType"];
  triggerEventId?: string;
  logSummary?: Bundle["logSummary"];
  version: number;
  steps: StepExecution[];
};

/** Attempts in the order they happened: creation time, then (within one instant) declaration order. */
function chronological(order: Map<string, number>) {
  const at = (s: StepExecution) => order.get(s.stepId) ?? Number.MAX_SAFE_INTEGER;
  return (a: StepExecution, b: StepExecution) =>
    a.createdAt.localeCompare(b.createdAt) || a.visit - b.visit || at(a) - at(b) || a.attempt - b.attempt;
}

/** The bundle of a graph workflow's run; 404 when there is none. */
export async function runBundle(
  ctx: Ctx,
  bundleId: string,
): Promise<Bundle & { runStatus: NonNullable<Bundle["runStatus"]> }> {
  const bundle = found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
  if (!bundle.runStatus) throw new NotFoundError("run", bundleId);
  return bundle as Bundle & { runStatus: NonNullable<Bundle["runStatus"]> };
}

export async function getRun(ctx: Ctx, bundleId: string): Promise<RunState> {
  requireRole(ctx, "viewer");
  const bundle = await runBundle(ctx, bundleId);
  const found = bundle.workflowVersionId ? await workflowGraph(ctx, bundle.workflowVersionId) : undefined;
  const order = new Map([...(found?.graph.steps.keys() ?? [])].map((stepId, i) => [stepId, i]));
  const steps = (await listAllSteps(ctx, bundleId)).sort(chronological(order));
  return {
    bundleId,
    workflowId: bundle.workflowId,
    workflowVersionId: bundle.workflowVersionId,
    runStatus: bundle.runStatus,
    input: bundle.input ?? {},
    variables: bundle.variables ?? {},
    error: bundle.error,
    correlationId: bundle.correlationId,
    runWakeAt: bundle.runWakeAt,
    triggerType: bundle.triggerType,
    triggerEventId: bundle.triggerEventId,
    logSummary: bundle.logSummary,
    version: bundle.version,
    steps,
  };
}

const CLAIM_TRIES = 20;
const CLAIM_WAIT_MS = 100;

async function act(ctx: Ctx, bundleId: string, raw: unknown, event: EngineEvent, allowed: Bundle["runStatus"][]) {
  requireRole(ctx, "operator");
  const input = parseInput(RunActionInput, raw ?? {});
  for (let attempt = 1; ; attempt++) {
    const bundle = await runBundle(ctx, bundleId);
    if (input.expectedVersion !== undefined) atVersion(bundle, input.expectedVersion, "bundle", bundleId);
    if (!allowed.includes(bundle.runStatus)) {
      throw new ConflictError(
        `the run is ${bundle.runStatus}; ${event.type} needs a run that is ${allowed.join(" or ")}`,
        {
          runStatus: bundle.runStatus,
        },
      );
    }
    if (event.type === "retry" && bundle.runStatus === "failed" && !bundle.error?.stepId)
      throw new ConflictError(
        `this run failed outside any step (${bundle.error?.type}); it cannot be resumed: start a new run`,
      );
    if (event.type === "retry" && bundle.error?.type === "LimitError")
      throw new ConflictError("this run reached its limit of step attempts; a retry would fail again: start a new run");
    const { expectedVersion } = input;
    const result = await advanceRun(ctx, bundleId, event, {
      leaseMs: ctx.engine.leaseMs,
      external: false,
      expectedVersion,
    });
    if (result.claimed && result.transitions === 0)
      throw new ConflictError(`the run changed meanwhile and is no longer ${allowed.join(" or ")}`, { bundleId });
    if (result.claimed) {
      if (leftRunnable(ctx, result)) ctx.engine.wake?.();
      return getRun(ctx, bundleId);
    }
    if (attempt >= CLAIM_TRIES)
      throw new ConflictError("a worker is advancing this run right now; try again in a moment", { bundleId });
    await new Promise((resolve) => setTimeout(resolve, CLAIM_WAIT_MS));
  }
}

/** Cancels a live run: open attempts end as canceled, their tasks are archived, the bundle is canceled. */
export const cancelRun = (ctx: Ctx, bundleId: string, raw: unknown) =>
  act(ctx, bundleId, raw, { type: "cancel" }, ["pending", "running", "waiting"]);

/** Resumes a failed run at the top-level step it failed at (a new visit of that step). */
export const retryRun = (ctx: Ctx, bundleId: string, raw: unknown) =>
  act(ctx, bundleId, raw, { type: "retry" }, ["failed"]);
