import type { ContentCatalog } from "../src/content/load-content.js";
import { fixedClock } from "../src/domain/clock.js";
import { silentLogger } from "../src/log/logger.js";
import type { Repository } from "../src/repositories/repository.js";
import { runTick } from "../src/scheduler/tick.js";
import type { BenchBackend } from "./backends.js";
import { benchCtx } from "./bench-ctx.js";
import { type CallTimes, printCallTimes, timedRepository } from "./call-timer.js";
import { DUE_TASKS, SCHEDULER_NOW, seedSchedulerDataset } from "./scheduler-dataset.js";
import { ms, percentile, printTable } from "./stats.js";

const SIZES = (process.env.BENCH_SCHEDULER_SIZES ?? "1000,10000,100000").split(",").map(Number);
/** Steady ticks run before the measured ones: the first ticks of a process also warm its JIT. */
const WARMUP = 10;
const TICKS = 100;
const SWEEPS = 5;
const DAY_MS = 86_400_000;
/** No workflows: scheduled workflows from content would add their own work to every tick. */
const EMPTY_CATALOG: ContentCatalog = { workflows: new Map(), docs: new Map() };

type Result = {
  backend: string;
  size: number;
  seedSeconds: number;
  first: number;
  steady: number[];
  resweep: number[];
  nextDay: number[];
  profile?: { steady: CallTimes; steadyTotal: number; nextDay: CallTimes; nextDayTotal: number };
};
/** BENCH_SCHEDULER_PROFILE=1: also time each repository call, in extra steady ticks and the next-day ticks. */
const PROFILE = !!process.env.BENCH_SCHEDULER_PROFILE;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const daysLater = (days: number) => new Date(Date.parse(SCHEDULER_NOW) + days * DAY_MS).toISOString();

/** One tick at `at`, timed; throws unless it raised `expected` notifications (the dataset is what it claims). */
async function timedTick(repo: Repository, at: string, expected: number): Promise<number> {
  const ctx = { ...benchCtx(repo, EMPTY_CATALOG), clock: fixedClock(at) };
  const start = performance.now();
  const result = await runTick(ctx, { log: silentLogger });
  const elapsed = performance.now() - start;
  if (result.leaseHeld || result.notifications !== expected)
    throw new Error(`tick at ${at} raised ${result.notifications} notifications, expected ${expected}`);
  return elapsed;
}

/**
 * A fresh store of `size` tasks (100 due), then: the first tick (raises the 100 reminders), the
 * steady ticks (nothing new; today's sweep done), the same day's sweep again with nothing new
 * (its marker lease released between ticks), and ticks on the following days (each day's sweep
 * raises 80 overdue reminders: today's 60 are late now, yesterday's 20 enter a new period).
 */
async function measure(backend: BenchBackend, size: number): Promise<Result> {
  let repo = await backend.open();
  try {
    const start = performance.now();
    await seedSchedulerDataset(repo, size);
    const seedSeconds = (performance.now() - start) / 1000;
    console.error(`${backend.name}: loaded ${size} tasks in ${seedSeconds.toFixed(1)} s`);
    repo = (await backend.settle?.(repo)) ?? repo;
    const first = await timedTick(repo, SCHEDULER_NOW, DUE_TASKS);
    for (let i = 0; i < WARMUP; i++) await timedTick(repo, SCHEDULER_NOW, 0);
    const steady: number[] = [];
    for (let i = 0; i < TICKS; i++) steady.push(await timedTick(repo, SCHEDULER_NOW, 0));
    const resweep: number[] = [];
    const marker = `sweep:${SCHEDULER_NOW.slice(0, 10)}`;
    for (let i = 0; i < SWEEPS; i++) {
      const lease = await repo.schedulerLeases.get(marker);
      if (lease) await repo.schedulerLeases.release(marker, lease.holder);
      resweep.push(await timedTick(repo, SCHEDULER_NOW, 0));
    }
    const steadyTimes: CallTimes = new Map();
    const profiled: number[] = [];
    if (PROFILE) {
      const timed = timedRepository(repo, steadyTimes);
      for (let i = 0; i < TICKS; i++) profiled.push(await timedTick(timed, SCHEDULER_NOW, 0));
    }
    const nextDayTimes: CallTimes = new Map();
    const dayRepo = PROFILE ? timedRepository(repo, nextDayTimes) : repo;
    const nextDay: number[] = [];
    for (let day = 1; day <= SWEEPS; day++) nextDay.push(await timedTick(dayRepo, daysLater(day), 80));
    const profile = PROFILE
      ? { steady: steadyTimes, steadyTotal: sum(profiled), nextDay: nextDayTimes, nextDayTotal: sum(nextDay) }
      : undefined;
    return { backend: backend.name, size, seedSeconds, first, steady, resweep, nextDay, profile };
  } finally {
    await repo.close();
    await backend.cleanup?.();
  }
}

function printResults(results: Result[]): void {
  const base = Math.min(...SIZES);
  const p50 = (r: Result) => percentile(r.steady, 50);
  const baseOf = (r: Result) => results.find((b) => b.backend === r.backend && b.size === base);
  printTable(
    `Scheduler tick, steady state, ms (${TICKS} ticks each after ${WARMUP} unmeasured; ${DUE_TASKS} tasks due, reminders already raised, today's sweep done)`,
    ["backend", "tasks", "p50", "p95", "p99", `p50 / p50 at ${base}`],
    results.map((r) => {
      const ref = baseOf(r);
      return [
        r.backend,
        r.size,
        ms(p50(r)),
        ms(percentile(r.steady, 95)),
        ms(percentile(r.steady, 99)),
        ref ? (p50(r) / p50(ref)).toFixed(2) : "-",
      ];
    }),
  );
  const big = Math.max(...SIZES);
  console.log(
    `\nTarget (not asserted): p50 at ${big} within 1.5x of p50 at ${base}, and under 100 ms on PGlite and Postgres.`,
  );
  for (const r of results.filter((x) => x.size === big)) {
    const ref = baseOf(r);
    if (!ref || ref === r) continue;
    const ratio = p50(r) / p50(ref);
    const under = r.backend === "dynamodb" ? "" : `, ${p50(r) < 100 ? "under" : "NOT under"} 100 ms`;
    console.log(`  ${r.backend}: ${ratio.toFixed(2)}x (${ratio <= 1.5 ? "within" : "NOT within"} 1.5x)${under}`);
  }
  printTable(
    "Scheduler ticks that do more, ms",
    [
      "backend",
      "tasks",
      "seed s",
      "first tick (raises 100)",
      `same-day sweep again, p50 of ${SWEEPS}`,
      `next-day tick (sweep raises 80), p50 of ${SWEEPS}`,
    ],
    results.map((r) => [
      r.backend,
      r.size,
      r.seedSeconds.toFixed(1),
      ms(r.first),
      ms(percentile(r.resweep, 50)),
      ms(percentile(r.nextDay, 50)),
    ]),
  );
  console.log(
    `\nEmpty content catalog (no scheduled workflows), no recurring configs, no mailer. Due: 60 open tasks dated today, 20 open overdue, 20 waiting with follow-up past, in 10 bundles at every size; the rest done in the past or open 10 to 400 days ahead. Clock fixed at ${SCHEDULER_NOW}.`,
  );
  for (const { backend, size, profile } of results) {
    if (!profile) continue;
    printCallTimes(`${backend}, ${size} tasks: steady tick, per tick`, profile.steady, TICKS, profile.steadyTotal);
    printCallTimes(`${backend}, ${size} tasks: next-day tick, per tick`, profile.nextDay, SWEEPS, profile.nextDayTotal);
  }
}

/** `npm run bench -- scheduler`: one scheduler tick's time at 1k, 10k and 100k tasks of which 100 are due. */
export async function benchScheduler(backends: BenchBackend[]): Promise<void> {
  const results: Result[] = [];
  for (const backend of backends) {
    // A first store in a process measures the process warming up (JIT, PGlite's WebAssembly): throw one away.
    console.error(`${backend.name}: warm-up run, not reported`);
    await measure(backend, Math.min(...SIZES));
    for (const size of SIZES) {
      results.push(await measure(backend, size));
    }
  }
  printResults(results);
}
