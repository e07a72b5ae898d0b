import type { Artifact } from "../../domain/artifact.js";
import type { Bundle } from "../../domain/bundle.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Task } from "../../domain/task.js";
import type { Page } from "../../repositories/pagination.js";
import { listArtifacts } from "../../services/artifact-queries.js";
import { getBundle } from "../../services/bundle-queries.js";
import { listAllBundleTasks } from "../../services/list-all-bundle-tasks.js";

const PER_SCOPE = 100;

export type ArtifactView = { bundle: Bundle; tasks: Task[]; onBundle: Artifact[]; byTask: Map<string, Artifact[]> };

/** A bundle's own artifacts and each of its tasks' (a task's artifact proves that task only, so both are read). */
export async function loadArtifactView(ctx: Ctx, bundleId: string): Promise<ArtifactView> {
  const bundle = await getBundle(ctx, bundleId);
  const tasks = await listAllBundleTasks(ctx, bundleId);
  const list = (scope: { bundleId: string } | { taskId: string }): Promise<Page<Artifact>> =>
    listArtifacts(ctx, { ...scope, limit: String(PER_SCOPE) });
  const [own, ...perTask] = await Promise.all([list({ bundleId }), ...tasks.map((t) => list({ taskId: t.taskId }))]);
  const byTask = new Map<string, Artifact[]>();
  tasks.forEach((task, i) => {
    // An artifact on both the bundle and a task is listed once, under the task.
    const items = perTask[i]?.items ?? [];
    if (items.length) byTask.set(task.taskId, items);
  });
  const onBundle = (own?.items ?? []).filter((a) => !a.taskId);
  return { bundle, tasks, onBundle, byTask };
}
