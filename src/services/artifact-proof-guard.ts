import type { Artifact } from "../domain/artifact.js";
import type { Ctx } from "../domain/ctx.js";
import { InvalidTransitionError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";
import type { Unchanged } from "../repositories/repository.js";
import { listAllBundleTasks } from "./list-all-bundle-tasks.js";
import { approvedArtifactFor, needsArtifact } from "./proof-gates.js";

const counts = (artifact: Artifact) => artifact.status === "approved";

/**
 * A change to an approved artifact (moved by `attach`, archived, superseded) must not leave a done
 * task without the proof that let it be done. Refuses (422) when it would; otherwise returns the task
 * and bundle it was read against, for the write to keep unchanged, so a completion that lands
 * meanwhile makes this write fail instead of both landing.
 */
export async function keepDoneTasksProven(ctx: Ctx, before: Artifact, after: Artifact): Promise<Unchanged[]> {
  if (!counts(before)) return [];
  const guards: Unchanged[] = [];
  const stillProves = (task: Task) =>
    counts(after) &&
    (after.taskId === task.taskId || (task.bundleId !== undefined && after.bundleId === task.bundleId));
  const check = async (listed: Task, fresh = false) => {
    if (!needsArtifact(listed)) return;
    // Lists may lag (DynamoDB indexes): decide from the task as it is now.
    const task = fresh ? listed : ((await ctx.repo.tasks.get(listed.taskId)) ?? listed);
    if (task.status !== "done" || stillProves(task)) return;
    const other = await approvedArtifactFor(ctx, task, before.artifactId);
    if (other) {
      // The other proof is relied on too: archiving both at once must not leave the task bare.
      if (!guards.some((g) => g.id === other.artifactId))
        guards.push({ entity: "artifact", id: other.artifactId, version: other.version });
      return;
    }
    throw new InvalidTransitionError(
      `artifact ${before.artifactId} is the proof of done task ${task.taskId}; reopen the task first`,
      { artifactId: before.artifactId, taskId: task.taskId },
    );
  };
  if (before.taskId && (!counts(after) || after.taskId !== before.taskId)) {
    const task = await ctx.repo.tasks.get(before.taskId);
    if (task) {
      await check(task, true);
      guards.push({ entity: "task", id: task.taskId, version: task.version });
    }
  }
  if (before.bundleId && (!counts(after) || after.bundleId !== before.bundleId)) {
    // Completing any task of the bundle moves the bundle's version (its open-task count).
    const bundle = await ctx.repo.bundles.get(before.bundleId);
    if (bundle) {
      for (const task of await listAllBundleTasks(ctx, bundle.bundleId)) await check(task);
      guards.push({ entity: "bundle", id: bundle.bundleId, version: bundle.version });
    }
  }
  return guards;
}
