import { randomUUID } from "node:crypto";
import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { addMs } from "../domain/duration.js";
import { ConflictError, VersionConflictError } from "../domain/errors.js";
import { actionNamed } from "./actions/registry.js";
import { decide } from "./decide.js";
import { afterDecision, loadRun } from "./load-run.js";
import { runEffect } from "./run-effect.js";
import type { EngineEvent, RunView } from "./run-view.js";
import { writeDecision } from "./write-decision.js";

/** Transitions one advance makes at most before it lets the run wait for the next pick-up. */
const MAX_TRANSITIONS = 200;
/** Reloads after a concurrent change to the bundle (a person completing a task) before giving up. */
const MAX_RELOADS = 5;

export type AdvanceOptions = {
  /** Who holds the claim: one per worker process (or request). */
  holder?: string;
  leaseMs: number;
  /** Whether actions with effects outside this store may run (workers: yes; requests: only inline ones). */
  external: boolean;
};

export type AdvanceResult = { bundle?: Bundle; transitions: number; claimed: boolean };

export const runLease = (bundleId: string) => `run:${bundleId}`;

/**
 * The driver: claims the run (a lease, so two workers never run one attempt at once), then loads it,
 * asks the core, writes each transition in one atomic call before starting its effects, and feeds the
 * effects' results back in, until the run waits on time, people or work it may not do here.
 */
export async function advanceRun(
  ctx: Ctx,
  bundleId: string,
  event: EngineEvent,
  options: AdvanceOptions,
): Promise<AdvanceResult> {
  const holder = options.holder ?? `request-${randomUUID()}`;
  const lease = runLease(bundleId);
  const claim = () =>
    ctx.repo.schedulerLeases.acquire(lease, holder, ctx.clock.now(), addMs(ctx.clock.now(), options.leaseMs));
  if (!(await claim())) return { transitions: 0, claimed: false };
  let claimedAt = Date.now();
  try {
    let view = await loadRun(ctx, bundleId);
    if (!view) return { transitions: 0, claimed: true };
    let next: EngineEvent | undefined = event;
    let transitions = 0;
    let reloads = 0;
    while (next && transitions < MAX_TRANSITIONS) {
      const decision = decide(view, next, engineEnv(ctx));
      if (!decision) break;
      if (decision.write) {
        try {
          await writeDecision(ctx, view, decision);
        } catch (error) {
          if (!isRace(error) || ++reloads > MAX_RELOADS) throw error;
          view = (await loadRun(ctx, bundleId)) as RunView;
          continue; // decide the same event again on the run as it now is
        }
        view = afterDecision(view, decision);
        transitions += 1;
      }
      const runnable = decision.effects.filter((e) => options.external || actionNamed(e.action.type)?.inline);
      if (runnable.length === 0) break;
      const current: RunView = view;
      next = { type: "results", results: await Promise.all(runnable.map((e) => runEffect(ctx, current, e))) };
      if (Date.now() - claimedAt > options.leaseMs / 2) {
        if (!(await claim())) throw new ConflictError(`run ${bundleId} was claimed by another worker`);
        claimedAt = Date.now();
      }
    }
    return { bundle: view.bundle, transitions, claimed: true };
  } finally {
    await ctx.repo.schedulerLeases.release(lease, holder);
  }
}

/** Another writer moved the bundle (or recorded an attempt, or deadlocked with this write) since it was read. */
function isRace(error: unknown): boolean {
  if (error instanceof VersionConflictError) return true;
  if (!(error instanceof ConflictError)) return false;
  const { entityType, constraint } = error.details as { entityType?: string; constraint?: string };
  // Postgres names the constraint, DynamoDB the entity; a deadlock names neither and is worth one more try.
  if (entityType === "stepExecution" || String(constraint ?? "").startsWith("step_executions")) return true;
  return entityType === undefined && constraint === undefined;
}

function engineEnv(ctx: Ctx) {
  return {
    now: ctx.clock.now(),
    random: Math.random,
    mint: (kind: "taskEvent" | "auditEvent") => ctx.ids.next(kind),
    actorId: ctx.actor?.userId,
  };
}
