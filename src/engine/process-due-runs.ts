import type { Ctx } from "../domain/ctx.js";
import { advanceRun } from "./advance-run.js";

export type DueRunOptions = {
  holder: string;
  leaseMs: number;
  limit: number;
  concurrency: number;
  /** Told of a run that could not be advanced (the store is down, say), and the others still are; without it, the error is thrown. */
  onError?: (bundleId: string, error: unknown) => void;
};

/**
 * Advances runs whose wake-up time has come (timers, runnable attempts, finished tasks, work a
 * crashed worker left behind). What the scheduler tick, the worker and the Lambda worker all call.
 * Runs another worker holds are skipped. Answers how many runs it moved (wrote a transition for), so
 * a caller looping until nothing moves cannot spin on a run that is due but has nothing to do.
 */
export async function processDueRuns(ctx: Ctx, options: DueRunOptions): Promise<number> {
  const due = await ctx.repo.runs.listDue(ctx.clock.now(), { limit: options.limit });
  const queue = due.items.map((bundle) => bundle.bundleId);
  let advanced = 0;
  const lane = async () => {
    for (let bundleId = queue.shift(); bundleId !== undefined; bundleId = queue.shift()) {
      try {
        const result = await advanceRun(ctx, bundleId, { type: "wake" }, { ...options, external: true });
        if (result.transitions > 0) advanced += 1;
      } catch (error) {
        if (!options.onError) throw error;
        options.onError(bundleId, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  return advanced;
}

/** Advances due runs until none is due at the clock's current time: tests, `npm run worker -- --once`. */
export async function runUntilIdle(ctx: Ctx, options: DueRunOptions, maxRounds = 1000): Promise<number> {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const advanced = await processDueRuns(ctx, options);
    total += advanced;
    if (advanced === 0) return total;
  }
  throw new Error(`runs were still due after ${maxRounds} rounds: a run that never rests?`);
}
