import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import type { Task } from "../domain/task.js";
import { listAllBundleTasks } from "../services/list-all-bundle-tasks.js";
import { type AdvanceResult, advanceRun } from "./advance-run.js";

/**
 * Advances a run inside the request that made it runnable (a new run, a completed task, a retry), as
 * far as it goes without effects outside this store, so a person sees the next task at once. What is
 * left (an action reaching outside, a claim another worker holds) the worker picks up: the run's
 * runWakeAt was written with the change, so nothing depends on this call.
 */
export async function advanceInRequest(ctx: Ctx, bundleId: string): Promise<Bundle | undefined> {
  const result = await advanceRun(ctx, bundleId, { type: "wake" }, { leaseMs: ctx.engine.leaseMs, external: false });
  if (leftRunnable(ctx, result)) ctx.engine.wake?.();
  return result.bundle;
}

/** Whether a worker should look now: the run is held elsewhere, or has work due that the request left. */
export function leftRunnable(ctx: Ctx, result: AdvanceResult): boolean {
  const wakeAt = result.bundle?.runWakeAt;
  return !result.claimed || (wakeAt !== undefined && wakeAt <= ctx.clock.now());
}

/** Starts a new run and answers with the bundle and the tasks its first steps made. */
export async function startRun(ctx: Ctx, bundle: Bundle): Promise<{ bundle: Bundle; tasks: Task[] }> {
  const advanced = (await advanceInRequest(ctx, bundle.bundleId)) ?? bundle;
  return { bundle: advanced, tasks: await listAllBundleTasks(ctx, bundle.bundleId) };
}
