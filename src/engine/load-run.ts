import type { Ctx } from "../domain/ctx.js";
import { NotFoundError } from "../domain/errors.js";
import type { StepExecution } from "../domain/step-execution.js";
import type { Task } from "../domain/task.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { buildGraph, type Graph } from "./graph.js";
import type { Decision, RunView } from "./run-view.js";

/** Versions never change once published, so their graphs are built once per process. */
const graphs = new Map<string, { version: WorkflowVersion; graph: Graph }>();
const GRAPH_CACHE_LIMIT = 500;

export async function workflowGraph(ctx: Ctx, workflowVersionId: string) {
  const cached = graphs.get(workflowVersionId);
  if (cached) return cached;
  const version = await ctx.repo.workflowVersions.get(workflowVersionId);
  if (!version) throw new NotFoundError("workflowVersion", workflowVersionId);
  const graph = buildGraph(version.definition);
  if (!graph) return undefined;
  if (graphs.size >= GRAPH_CACHE_LIMIT) graphs.clear();
  graphs.set(workflowVersionId, { version, graph });
  return { version, graph };
}

export async function listAllSteps(ctx: Ctx, bundleId: string): Promise<StepExecution[]> {
  const steps: StepExecution[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.repo.runs.listSteps(bundleId, { limit: 500, cursor });
    steps.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return steps;
}

/** A run as the engine decides from it; undefined for a bundle that is not a graph run. */
export async function loadRun(ctx: Ctx, bundleId: string): Promise<RunView | undefined> {
  const bundle = await ctx.repo.bundles.get(bundleId);
  if (!bundle) throw new NotFoundError("bundle", bundleId);
  if (!bundle.runStatus || !bundle.workflowVersionId) return undefined;
  const found = await workflowGraph(ctx, bundle.workflowVersionId);
  if (!found) return undefined;
  const steps = await listAllSteps(ctx, bundleId);
  const waitingOn = steps.filter((s) => s.status === "waiting" && s.taskId).map((s) => s.taskId as string);
  const tasks = new Map<string, Task>();
  for (const task of await Promise.all(waitingOn.map((id) => ctx.repo.tasks.get(id))))
    if (task) tasks.set(task.taskId, task);
  return { bundle, version: found.version, graph: found.graph, steps, tasks };
}

/** The run as a written decision leaves it, without reading it again. */
export function afterDecision(view: RunView, decision: Decision): RunView {
  const steps = new Map(view.steps.map((s) => [s.stepExecutionId, s]));
  for (const s of decision.createSteps) steps.set(s.stepExecutionId, s);
  for (const { next } of decision.updateSteps) steps.set(next.stepExecutionId, next);
  const tasks = new Map(view.tasks);
  for (const t of decision.createTasks) tasks.set(t.taskId, t);
  for (const { next } of decision.updateTasks) tasks.set(next.taskId, next);
  return { ...view, bundle: decision.bundle, steps: [...steps.values()], tasks };
}
