import type { Bundle } from "../../domain/bundle.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Task } from "../../domain/task.js";
import { getBundle } from "../../services/bundle-queries.js";
import { listAllBundleTasks } from "../../services/list-all-bundle-tasks.js";
import type { ProofGap } from "../../services/proof-gates.js";
import { blockersOf } from "../../services/task-blockers.js";
import { peopleById } from "./people.js";

export type PhaseGroup = { id: string; name: string; tasks: Task[] };

export type BundleView = {
  bundle: Bundle;
  phases: PhaseGroup[];
  blockers: Map<string, ProofGap[]>;
  people: Map<string, string>;
  /** The workflow's own process docs (each task names its own). */
  docIds: string[];
};

/**
 * A bundle with its tasks grouped by phase, in the order its workflow declares the phases (tasks of
 * no declared phase last, under "Other tasks"), and why each open task is blocked.
 */
export async function loadBundleView(ctx: Ctx, bundleId: string): Promise<BundleView> {
  const bundle = await getBundle(ctx, bundleId);
  const [tasks, people] = await Promise.all([listAllBundleTasks(ctx, bundleId), peopleById(ctx)]);
  const blockers = await blockersOf(ctx, bundle, tasks);
  const definition = bundle.workflowId ? ctx.catalog.workflows.get(bundle.workflowId)?.definition : undefined;
  const declared = definition?.phases ?? [];
  const groups = new Map<string, PhaseGroup>(declared.map((p) => [p.id, { id: p.id, name: p.name, tasks: [] }]));
  const other: PhaseGroup = { id: "other", name: "Other tasks", tasks: [] };
  for (const task of tasks) {
    const group = task.phase ? groups.get(task.phase) : undefined;
    if (group) group.tasks.push(task);
    else if (task.phase) groups.set(task.phase, { id: task.phase, name: task.phase, tasks: [task] });
    else other.tasks.push(task);
  }
  const phases = [...groups.values(), other].filter((g) => g.tasks.length > 0);
  return { bundle, phases, blockers, people, docIds: definition?.sourceDocIds ?? [] };
}
