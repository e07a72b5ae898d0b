import type { WorkflowDefinition } from "../domain/workflow-definition.js";
import type { Step } from "../domain/workflow-steps.js";
import { actionProblems } from "../engine/actions/registry.js";
import { allSteps } from "../engine/graph.js";
import { inputIssues, inputSchemaProblem } from "../engine/input-schema.js";

type Add = (path: string, message: string) => void;

/** Branches one parallel step may start at once: each costs a few items in the transition's atomic write. */
export const MAX_FAN_OUT = 10;

/** Where a step may go next: its transitions, its error handlers and its `continue` target. */
function targetsOf(step: Step): { nextStepId: string; path: string }[] {
  return [
    ...(step.next ?? []).map((t, i) => ({ nextStepId: t.nextStepId, path: `next[${i}].nextStepId` })),
    ...(step.onFailure?.nextStepId ? [{ nextStepId: step.onFailure.nextStepId, path: "onFailure.nextStepId" }] : []),
    ...(step.onFailure?.errorHandler?.conditions ?? []).map((c, i) => ({
      nextStepId: c.nextStepId,
      path: `onFailure.errorHandler.conditions[${i}].nextStepId`,
    })),
  ];
}

/**
 * The static checks of a graph workflow (content:check): every target exists in the same scope (no
 * jump crosses a branch boundary), every step is reachable, every scope has a path that ends, each
 * step names a task or branches, action configs validate, and inputSchema is a valid JSON Schema.
 */
export function checkGraph(definition: WorkflowDefinition, add: Add): void {
  const tasks = new Map(definition.tasks.map((t) => [t.refId, t]));
  if (!definition.steps) {
    definition.tasks.forEach((task, i) => {
      if (task.action)
        add(`tasks[${i}].action`, "an automated task runs only as a step: add steps or remove the action");
    });
    if (definition.inputSchema || definition.onFailure) add("steps", "inputSchema and onFailure need steps");
    return;
  }
  if (definition.inputSchema) {
    const problem = inputSchemaProblem(definition.inputSchema);
    if (problem) add("inputSchema", problem);
  }
  const everyStep = allSteps(definition.steps);
  const seen = new Map<string, string>();
  for (const { step, path } of everyStep) {
    const first = seen.get(step.stepId);
    if (first)
      add(
        `${path}.stepId`,
        `duplicate stepId '${step.stepId}' (first at ${first}); step IDs are unique across the workflow`,
      );
    else seen.set(step.stepId, path);
  }
  const used = new Set<string>();
  for (const { step, path } of everyStep) {
    if (step.parallelBranches && step.taskId) add(path, "a step has a taskId or parallelBranches, not both");
    if (!step.parallelBranches && !step.taskId) add(path, "a step needs a taskId (or parallelBranches)");
    const branchIds = (step.parallelBranches ?? []).map((b) => b.branchId);
    if (new Set(branchIds).size !== branchIds.length) add(`${path}.parallelBranches`, "duplicate branchId");
    if (step.taskId) {
      used.add(step.taskId);
      const task = tasks.get(step.taskId);
      if (!task) add(`${path}.taskId`, `no task with refId '${step.taskId}' in this workflow`);
      else if (task.action && task.outcomes)
        add(`${path}.taskId`, `task '${task.refId}' is automated; outcomes are for people`);
    }
  }
  definition.tasks.forEach((task, i) => {
    if (!used.has(task.refId))
      add(
        `tasks[${i}]`,
        `task '${task.refId}' is not used by any step (a graph workflow's tasks are made by its steps)`,
      );
    for (const problem of task.action ? actionProblems(task.action, definition) : [])
      add(`tasks[${i}].action`, problem);
  });
  const workflowTargets = targetsOf({ stepId: "workflow", onFailure: definition.onFailure } as Step).map(
    (t) => t.nextStepId,
  );
  checkScope(definition.steps, "steps", add, seen, workflowTargets);
  definition.steps.forEach((step, i) => {
    const lanes = fanOut(step);
    if (lanes > MAX_FAN_OUT)
      add(
        `steps[${i}]`,
        `starts ${lanes} branches at once (nested ones counted); at most ${MAX_FAN_OUT}, so one transition stays one atomic write`,
      );
  });
  if (definition.trigger.type === "schedule" && definition.inputSchema) {
    const issues = inputSchemaProblem(definition.inputSchema) ? [] : inputIssues(definition.inputSchema, {});
    const problem = issues.map((i) => `${i.path} ${i.message}`).join("; ");
    if (problem) add("trigger", `a scheduled run starts with input {}, which the inputSchema refuses: ${problem}`);
  }
  for (const target of targetsOf({ stepId: "workflow", onFailure: definition.onFailure } as Step)) {
    if (!definition.steps.some((s) => s.stepId === target.nextStepId))
      add(`onFailure.${target.path.replace(/^onFailure\./, "")}`, `'${target.nextStepId}' is not a top-level step`);
  }
}

/** Branches a parallel step starts at once, counting those its branches' first steps start in turn. */
function fanOut(step: Step): number {
  if (!step.parallelBranches) return 1;
  return step.parallelBranches.reduce((sum, branch) => sum + (branch.steps[0] ? fanOut(branch.steps[0]) : 1), 0);
}

/** One scope (the top level or a branch): targets stay inside, all steps are reachable, a path ends. */
function checkScope(steps: Step[], path: string, add: Add, everywhere: Map<string, string>, roots: string[] = []) {
  const here = new Map(steps.map((s, i) => [s.stepId, i]));
  steps.forEach((step, i) => {
    for (const target of targetsOf(step)) {
      if (here.has(target.nextStepId)) continue;
      add(
        `${path}[${i}].${target.path}`,
        everywhere.has(target.nextStepId)
          ? `'${target.nextStepId}' is in another branch or level: a jump cannot cross a branch boundary`
          : `unknown step '${target.nextStepId}'`,
      );
    }
    step.parallelBranches?.forEach((branch, j) => {
      checkScope(branch.steps, `${path}[${i}].parallelBranches[${j}].steps`, add, everywhere);
    });
  });
  const reached = new Set<string>();
  const queue = [steps[0], ...roots.map((id) => steps[here.get(id) ?? -1])].filter((s): s is Step => s !== undefined);
  for (let step = queue.shift(); step; step = queue.shift()) {
    if (reached.has(step.stepId)) continue;
    reached.add(step.stepId);
    for (const target of targetsOf(step)) {
      const index = here.get(target.nextStepId);
      if (index !== undefined) queue.push(steps[index] as Step);
    }
  }
  steps.forEach((step, i) => {
    if (!reached.has(step.stepId))
      add(`${path}[${i}]`, `step '${step.stepId}' cannot be reached from '${steps[0]?.stepId}'`);
  });
  const ends = steps.some((s) => reached.has(s.stepId) && (s.next ?? []).length === 0);
  if (!ends) add(path, "no path ends: every reachable step has a next step (add a step without next)");
}
