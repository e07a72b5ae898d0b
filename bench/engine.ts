import { cpus, loadavg } from "node:os";
import { cpuUsage } from "node:process";
import type { ContentCatalog } from "../src/content/load-content.js";
import type { Ctx } from "../src/domain/ctx.js";
import type { WorkflowVersion } from "../src/domain/workflow-version.js";
import { advanceRun } from "../src/engine/advance-run.js";
import { processDueRuns } from "../src/engine/process-due-runs.js";
import type { BenchBackend } from "./backends.js";
import { benchCtx } from "./bench-ctx.js";
import { type EngineProfile, printEngineProfile, profileEngine } from "./engine-profile.js";
import { createPendingRun, createPendingRuns, publishLinear, STEPS } from "./engine-workload.js";
import { ms, percentile, printTable } from "./stats.js";

/**
 * Runs advanced one at a time before the measured ones (then one unmeasured batch): the first advances
 * warm this process's JIT, and DynamoDB Local's JVM takes some tens of runs to settle.
 */
const WARMUP = 20;
const SINGLE = 30;
const BATCH = 50;
const ROUNDS = 3;
const LEASE_MS = 60_000;
/** Issue 14's targets, on Postgres. */
const TARGET_MS_PER_STEP = 3;
const TARGET_STEPS_PER_S = 500;
/** BENCH_ENGINE_PROFILE=1: also count and time store calls per run, and the engine's work without a store. */
const PROFILE = !!process.env.BENCH_ENGINE_PROFILE;
const EMPTY_CATALOG: ContentCatalog = { workflows: new Map(), docs: new Map() };
const WORKER = { holder: "bench-worker", leaseMs: LEASE_MS, limit: BATCH, concurrency: BATCH };

type Result = {
  backend: string;
  /** The machine's 1-minute load average as the backend's measurement began: other work skews every figure. */
  load: number;
  /** Per run advanced alone: its advance time / STEPS. */
  perStep: Sample[];
  /** Transitions (atomic writes) each run took, as advanceRun counted them. */
  transitions: number[];
  /** Elapsed ms per round of BATCH runs: through processDueRuns, and as BATCH concurrent advanceRun calls. */
  processDue: Sample[];
  concurrent: Sample[];
  profile?: EngineProfile;
};

/** Wall-clock ms, and ms of CPU this process spent (user + system): the part other load on the machine skews less. */
type Sample = { elapsed: number; cpu: number };

async function timed<T>(work: () => Promise<T>): Promise<[T, Sample]> {
  const cpu = cpuUsage();
  const start = performance.now();
  const value = await work();
  const elapsed = performance.now() - start;
  const used = cpuUsage(cpu);
  return [value, { elapsed, cpu: (used.user + used.system) / 1000 }];
}

/** One pending run advanced alone, as a worker would; throws unless it completed. */
async function advanceOne(ctx: Ctx, version: WorkflowVersion): Promise<{ sample: Sample; transitions: number }> {
  const bundleId = await createPendingRun(ctx, version);
  const [result, sample] = await timed(() =>
    advanceRun(ctx, bundleId, { type: "wake" }, { leaseMs: LEASE_MS, external: true }),
  );
  if (result.bundle?.runStatus !== "completed") throw new Error(`run ${bundleId} ended ${result.bundle?.runStatus}`);
  return { sample, transitions: result.transitions };
}

/** BATCH pending runs, then `drive` over them timed; throws unless every one completed. */
async function timedBatch(
  ctx: Ctx,
  version: WorkflowVersion,
  drive: (ids: string[]) => Promise<unknown>,
): Promise<Sample> {
  const ids = await createPendingRuns(ctx, version, BATCH);
  const [, sample] = await timed(() => drive(ids));
  const bundles = await Promise.all(ids.map((id) => ctx.repo.bundles.get(id)));
  const unfinished = bundles.filter((b) => b?.runStatus !== "completed").length;
  if (unfinished > 0) throw new Error(`${unfinished} of ${BATCH} runs did not complete`);
  return sample;
}

const throughDueRuns = (ctx: Ctx) => async () => {
  const advanced = await processDueRuns(ctx, WORKER);
  if (advanced !== BATCH) throw new Error(`processDueRuns advanced ${advanced} runs, expected ${BATCH}`);
};
const allAtOnce = (ctx: Ctx) => (ids: string[]) =>
  Promise.all(
    ids.map((id) =>
      advanceRun(ctx, id, { type: "wake" }, { holder: "bench-worker", leaseMs: LEASE_MS, external: true }),
    ),
  );

async function measure(backend: BenchBackend): Promise<Result> {
  const load = loadavg()[0] ?? 0;
  const repo = await backend.open();
  try {
    const ctx = benchCtx(repo, EMPTY_CATALOG);
    const version = await publishLinear(ctx);
    for (let i = 0; i < WARMUP; i++) await advanceOne(ctx, version);
    await timedBatch(ctx, version, throughDueRuns(ctx));
    const perStep: Sample[] = [];
    const transitions: number[] = [];
    for (let i = 0; i < SINGLE; i++) {
      const run = await advanceOne(ctx, version);
      perStep.push({ elapsed: run.sample.elapsed / STEPS, cpu: run.sample.cpu / STEPS });
      transitions.push(run.transitions);
    }
    const processDue: Sample[] = [];
    const concurrent: Sample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      processDue.push(await timedBatch(ctx, version, throughDueRuns(ctx)));
      concurrent.push(await timedBatch(ctx, version, allAtOnce(ctx)));
    }
    const profile = PROFILE ? await profileEngine(ctx, version, SINGLE) : undefined;
    return { backend: backend.name, load, perStep, transitions, processDue, concurrent, profile };
  } finally {
    await repo.close();
    await backend.cleanup?.();
  }
}

const stepsPerSecond = (elapsedMs: number) => (BATCH * STEPS) / (elapsedMs / 1000);
const elapsedOf = (samples: Sample[]) => samples.map((x) => x.elapsed);
/** The sample of median wall-clock time (its CPU figure is that same round's). */
const median = (samples: Sample[]) =>
  [...samples].sort((a, b) => a.elapsed - b.elapsed)[Math.floor(samples.length / 2)] ?? { elapsed: NaN, cpu: NaN };
const met = (ok: boolean) => (ok ? "met" : "NOT met");

function printResults(results: Result[]): void {
  printTable(
    `Per-step overhead: ${SINGLE} runs of ${STEPS} automated steps, each advanced alone (after ${WARMUP} unmeasured); per step = per run / ${STEPS}`,
    ["backend", "p50 ms/step", "p95 ms/step", "p50 ms/run", "CPU ms/step (p50)", "transitions/run", "load avg"],
    results.map((r) => {
      const t = r.transitions;
      return [
        r.backend,
        ms(percentile(elapsedOf(r.perStep), 50)),
        ms(percentile(elapsedOf(r.perStep), 95)),
        ms(percentile(elapsedOf(r.perStep), 50) * STEPS),
        ms(
          percentile(
            r.perStep.map((x) => x.cpu),
            50,
          ),
        ),
        Math.min(...t) === Math.max(...t) ? String(t[0]) : `${Math.min(...t)}-${Math.max(...t)}`,
        r.load.toFixed(1),
      ];
    }),
  );
  printTable(
    `Throughput: ${BATCH} pending runs (${BATCH * STEPS} steps) advanced at once, median of ${ROUNDS} rounds`,
    ["backend", "driver", "median s", "steps/s", "steps/s, each round", "CPU ms/step"],
    results.flatMap((r) =>
      (
        [
          [`processDueRuns (concurrency ${BATCH})`, r.processDue],
          [`${BATCH} concurrent advanceRun`, r.concurrent],
        ] as const
      ).map(([driver, rounds]) => [
        r.backend,
        driver,
        (median(rounds).elapsed / 1000).toFixed(2),
        stepsPerSecond(median(rounds).elapsed).toFixed(0),
        rounds.map((x) => stepsPerSecond(x.elapsed).toFixed(0)).join(", "),
        ms(median(rounds).cpu / (BATCH * STEPS)),
      ]),
    ),
  );
  console.log(
    `\nCPU ms: this process only (the engine, the driver and the client), not the database's. Load avg: the machine's 1-minute load as the backend began (${cpus().length} cores).`,
  );
  console.log(
    "DynamoDB Local is AWS's emulator (Java, in memory) on this machine: compare its figures between commits, not with AWS.",
  );
  console.log(
    `Targets (issue 14, on Postgres): <= ${TARGET_MS_PER_STEP} ms per step (p50 above), >= ${TARGET_STEPS_PER_S} steps/s (processDueRuns, median).`,
  );
  for (const r of results) {
    const p50 = percentile(elapsedOf(r.perStep), 50);
    const rate = stepsPerSecond(median(r.processDue).elapsed);
    const note = r.backend === "postgres" ? "" : "  (the targets are Postgres's)";
    console.log(
      `  ${r.backend}: ${ms(p50)} ms/step ${met(p50 <= TARGET_MS_PER_STEP)}, ${rate.toFixed(0)} steps/s ${met(rate >= TARGET_STEPS_PER_S)}${note}`,
    );
  }
  for (const r of results) if (r.profile) printEngineProfile(r.backend, r.profile);
}

/** `npm run bench -- engine`: the workflow engine's cost per step and its throughput with concurrent runs. */
export async function benchEngine(backends: BenchBackend[]): Promise<void> {
  const results: Result[] = [];
  for (const backend of backends) {
    console.error(`${backend.name}: measuring`);
    results.push(await measure(backend));
  }
  printResults(results);
}
