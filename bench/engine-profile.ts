import type { Ctx } from "../src/domain/ctx.js";
import type { WorkflowVersion } from "../src/domain/workflow-version.js";
import { advanceRun } from "../src/engine/advance-run.js";
import { decide } from "../src/engine/decide.js";
import { afterDecision, loadRun } from "../src/engine/load-run.js";
import { runEffect } from "../src/engine/run-effect.js";
import type { EngineEvent, RunView } from "../src/engine/run-view.js";
import { withCheckedWrites } from "../src/repositories/checked-writes.js";
import { auditEvent } from "../src/services/audit.js";
import { type CallTimes, printCallTimes, timedRepository } from "./call-timer.js";
import { createPendingRun, STEPS } from "./engine-workload.js";
import { countRoundTrips } from "./round-trips.js";
import { ms, printTable } from "./stats.js";

/** Where a run's time goes: store calls per run, requests on the wire, and the engine's work with no store at all. */
export type EngineProfile = {
  runs: number;
  transitions: number;
  advanceTotal: number;
  calls: CallTimes;
  roundTrips: number;
  /** ms per run without a store: decide, the actions, and the write's own CPU (audit event, record checks). */
  cpu: { decide: number; effects: number; check: number };
};

const LEASE_MS = 60_000;

/** `runs` more pending runs, each advanced alone through a repository that times every call. */
export async function profileEngine(ctx: Ctx, version: WorkflowVersion, runs: number): Promise<EngineProfile> {
  const calls: CallTimes = new Map();
  const timed = { ...ctx, repo: timedRepository(ctx.repo, calls) };
  let advanceTotal = 0;
  let transitions = 0;
  let roundTrips = 0;
  for (let i = 0; i < runs; i++) {
    const bundleId = await createPendingRun(ctx, version);
    const counter = countRoundTrips();
    const start = performance.now();
    try {
      const result = await advanceRun(timed, bundleId, { type: "wake" }, { leaseMs: LEASE_MS, external: true });
      transitions += result.transitions;
    } finally {
      advanceTotal += performance.now() - start;
      roundTrips += counter.count();
      counter.stop();
    }
  }
  const cpu = { decide: 0, effects: 0, check: 0 };
  for (let i = 0; i < runs; i++) {
    const view = await loadRun(ctx, await createPendingRun(ctx, version));
    if (!view) throw new Error("the pending run did not load as a graph run");
    await advanceInMemory(ctx, view, cpu);
  }
  for (const key of ["decide", "effects", "check"] as const) cpu[key] /= runs;
  return { runs, transitions: transitions / runs, advanceTotal, calls, roundTrips: roundTrips / runs, cpu };
}

/**
 * The driver's loop (advance-run.ts) with nothing stored: decide, check each write as the checked
 * repository would (then drop it), run the effects, feed their results back. Adds the time of each part to `cpu`.
 */
async function advanceInMemory(ctx: Ctx, start: RunView, cpu: EngineProfile["cpu"]): Promise<void> {
  const dropped = withCheckedWrites({ ...ctx.repo, runs: { ...ctx.repo.runs, apply: async () => {} } });
  const env = {
    now: ctx.clock.now(),
    random: Math.random,
    mint: (kind: "taskEvent" | "auditEvent") => ctx.ids.next(kind),
  };
  let view = start;
  let next: EngineEvent | undefined = { type: "wake" };
  while (next) {
    let t = performance.now();
    const decision = decide(view, next, env);
    cpu.decide += performance.now() - t;
    if (!decision) break;
    if (decision.write) {
      t = performance.now();
      const audit = auditEvent(ctx, "bundle", view.bundle.bundleId, "run-advanced", {});
      await dropped.runs.apply({
        ...decision,
        bundle: { next: decision.bundle, expectedVersion: view.bundle.version },
        audit: [audit],
        logs: [],
      });
      cpu.check += performance.now() - t;
      view = afterDecision(view, decision);
    }
    if (decision.effects.length === 0) break;
    t = performance.now();
    const current: RunView = view;
    next = { type: "results", results: await Promise.all(decision.effects.map((e) => runEffect(ctx, current, e))) };
    cpu.effects += performance.now() - t;
  }
}

export function printEngineProfile(backend: string, p: EngineProfile): void {
  printCallTimes(
    `${backend}: one run of ${STEPS} steps advanced alone (${p.transitions.toFixed(0)} transitions), per run, mean of ${p.runs}`,
    p.calls,
    p.runs,
    p.advanceTotal,
    "run",
  );
  const wire = backend === "pglite" ? "in process, not counted" : `${p.roundTrips.toFixed(1)} per run`;
  console.log(`\n  requests to the store: ${wire}`);
  const { decide: d, effects: e, check: c } = p.cpu;
  printTable(
    `${backend}: the same run's engine work with no store (loop of advance-run.ts, writes checked then dropped), ms`,
    ["part", "per run", "per step"],
    [
      ["decide()", ms(d), ms(d / STEPS)],
      ["actions (runEffect)", ms(e), ms(e / STEPS)],
      ["record checks + audit event (inside runs.apply above)", ms(c), ms(c / STEPS)],
      ["total", ms(d + e + c), ms((d + e + c) / STEPS)],
    ],
  );
}
