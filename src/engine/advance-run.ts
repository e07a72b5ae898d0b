import { randomUUID } from "node:crypto";
import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { addMs } from "../domain/duration.js";
import { ConflictError, DomainError, VersionConflictError } from "../domain/errors.js";
import { atVersion } from "../services/access.js";
import { auditEvent } from "../services/audit.js";
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
  /** Who is claiming (a worker process, a request); each call adds its own suffix. */
  holder?: string;
  leaseMs: number;
  /** The bundle version a person acted on (cancel, retry): a run that moved since is a VersionConflictError. */
  expectedVersion?: number;
  /** Whether actions with effects outside this store may run (workers: yes; requests: only inline ones). */
  external: boolean;
};

export type AdvanceResult = { bundle?: Bundle; transitions: number; claimed: boolean };

const runLease = (bundleId: string) => `run:${bundleId}`;

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
  // Unique per call, so two lanes of one worker process never share a claim either.
  const holder = `${options.holder ?? "request"}:${randomUUID()}`;
  const lease = runLease(bundleId);
  const claim = () =>
    ctx.repo.schedulerLeases.acquire(lease, holder, ctx.clock.now(), addMs(ctx.clock.now(), options.leaseMs));
  if (!(await claim())) return { transitions: 0, claimed: false };
  let claimedAt = Date.now();
  try {
    let view = await loadRun(ctx, bundleId);
    if (!view) return { transitions: 0, claimed: true };
    // Checked under the claim, so no worker can move the run between the check and the change.
    if (options.expectedVersion !== undefined) atVersion(view.bundle, options.expectedVersion, "bundle", bundleId);
    let next: EngineEvent | undefined = event;
    let transitions = 0;
    let reloads = 0;
    while (next && transitions < MAX_TRANSITIONS) {
      let decision: ReturnType<typeof decide>;
      try {
        decision = decide(view, next, engineEnv(ctx));
      } catch (error) {
        // The core has no I/O: what it threw it would throw again (a date past the calendar's range,
        // say). The run fails, saying why, rather than stay due and be tried forever.
        const failed = await failRun(
          ctx,
          view,
          error,
          "RunDecisionError",
          "the engine could not decide the run's next step",
        );
        return { bundle: failed, transitions: transitions + 1, claimed: true };
      }
      if (!decision) break;
      if (decision.write) {
        let written: typeof decision;
        try {
          written = await writeDecision(ctx, view, decision);
        } catch (error) {
          if (isRace(error)) {
            if (++reloads > MAX_RELOADS) throw error;
            view = (await loadRun(ctx, bundleId)) as RunView;
            continue; // decide the same event again on the run as it now is
          }
          // The store refuses the transition itself (a value it cannot keep, a write too large):
          // deciding again would decide the same. The run fails, saying why, rather than stay due forever.
          // Anything else (the store unreachable) is thrown: the run stays due and is tried again.
          if (!isRefusal(error)) throw error;
          const failed = await failRun(
            ctx,
            view,
            error,
            "RunWriteError",
            "the store refused the run's next transition",
          );
          return { bundle: failed, transitions: transitions + 1, claimed: true };
        }
        view = afterDecision(view, written);
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

/** Marks the run failed (`RunWriteError`, `RunDecisionError`) in a write of the bundle alone; the original error if even that fails. */
async function failRun(ctx: Ctx, view: RunView, error: unknown, type: string, why: string): Promise<Bundle> {
  const before = view.bundle;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const code = error instanceof DomainError ? error.code : undefined;
  const next: Bundle = {
    ...before,
    runStatus: "failed",
    error: {
      type,
      ...(code ? { code } : {}),
      message: `${why}: ${message}`.slice(0, 2000),
    },
    version: before.version + 1,
    updatedAt: ctx.clock.now(),
  };
  delete next.runWakeAt;
  const audit = auditEvent(ctx, "bundle", before.bundleId, "run-failed", {
    before: { runStatus: before.runStatus, version: before.version },
    after: { runStatus: "failed", error: next.error?.message },
  });
  try {
    return await ctx.repo.bundles.update(next, before.version, audit);
  } catch {
    throw error;
  }
}

/**
 * The store will never take this write as it is: a record the domain refuses (checked writes), a
 * DynamoDB item or transaction past its limits. Not a conflict, and not a store that is down.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof DomainError) return !(error instanceof ConflictError || error instanceof VersionConflictError);
  const named = error as { name?: string; message?: string };
  return named.name === "ValidationException" || /^a transaction holds \d+ actions/.test(named.message ?? "");
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
