import type { Artifact } from "../../domain/artifact.js";
import type { Bundle } from "../../domain/bundle.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Task } from "../../domain/task.js";
import { artifactsOfTasks, listArtifacts } from "../../services/artifact-queries.js";
import { getBundle } from "../../services/bundle-queries.js";
import { listAllBundleTasks } from "../../services/list-all-bundle-tasks.js";

const PER_SCOPE = 100;

/** At most this many artifacts of a bundle's tasks are shown (the page says when there are more). */
const TASK_ARTIFACTS_SHOWN = 1000;

export type ArtifactView = {
  bundle: Bundle;
  tasks: Task[];
  onBundle: Artifact[];
  byTask: Map<string, Artifact[]>;
  truncated: boolean;
};

/** A bundle's own artifacts and each of its tasks' (a task's artifact proves that task only, so both are read). */
export async function loadArtifactView(ctx: Ctx, bundleId: string): Promise<ArtifactView> {
  const bundle = await getBundle(ctx, bundleId);
  const tasks = await listAllBundleTasks(ctx, bundleId);
  const [own, ofTasks] = await Promise.all([
    listArtifacts(ctx, { bundleId, limit: String(PER_SCOPE) }),
    artifactsOfTasks(
      ctx,
      tasks.map((t) => t.taskId),
      TASK_ARTIFACTS_SHOWN,
    ),
  ]);
  const byTask = new Map<string, Artifact[]>();
  for (const artifact of ofTasks.items) {
    const taskId = artifact.taskId ?? "";
    byTask.set(taskId, [...(byTask.get(taskId) ?? []), artifact]);
  }
  // An artifact on both the bundle and a task is listed once, under the task.
  const onBundle = own.items.filter((a) => !a.taskId);
  return { bundle, tasks, onBundle, byTask, truncated: ofTasks.truncated || own.nextCursor !== null };
}
