import type { TaskDefinition, WorkflowDefinition } from "../domain/workflow-definition.js";
import type { OnFailure, Step } from "../domain/workflow-steps.js";

/*
 * A workflow definition's steps, indexed for the engine: every step by its (definition-wide unique)
 * ID, with the scope it runs in. A scope is a list of steps that run one after another: the top
 * level, or one branch of a parallel step. Built once per workflow version and cached.
 */

export type StepKind = "human" | "action" | "parallel";

export type GraphStep = {
  step: Step;
  kind: StepKind;
  /** The task definition a human or automated step runs. */
  task?: TaskDefinition;
  /** The parallel step and branch this step belongs to; undefined at the top level. */
  parent?: { stepId: string; branchId: string };
  /** The failure handling that applies: the step's own, else (top level only) the workflow's. */
  onFailure?: OnFailure;
};

export type Graph = {
  workflowId: string;
  steps: Map<string, GraphStep>;
  /** The first step of the top level. */
  entry: string;
  /** Each parallel step's branches: their IDs and first steps, in declaration order. */
  branches: Map<string, { branchId: string; entry: string }[]>;
};

export function buildGraph(definition: WorkflowDefinition): Graph | undefined {
  if (!definition.steps || definition.steps.length === 0) return undefined;
  const tasks = new Map(definition.tasks.map((task) => [task.refId, task]));
  const graph: Graph = {
    workflowId: definition.workflowId,
    steps: new Map(),
    entry: definition.steps[0]?.stepId ?? "",
    branches: new Map(),
  };
  const visit = (steps: Step[], parent: GraphStep["parent"]) => {
    for (const step of steps) {
      const task = step.taskId === undefined ? undefined : tasks.get(step.taskId);
      const kind: StepKind = step.parallelBranches ? "parallel" : task?.action ? "action" : "human";
      const onFailure = step.onFailure ?? (parent ? undefined : definition.onFailure);
      graph.steps.set(step.stepId, { step, kind, task, parent, onFailure });
      if (step.parallelBranches) {
        graph.branches.set(
          step.stepId,
          step.parallelBranches.map((b) => ({ branchId: b.branchId, entry: b.steps[0]?.stepId ?? "" })),
        );
        for (const branch of step.parallelBranches)
          visit(branch.steps, { stepId: step.stepId, branchId: branch.branchId });
      }
    }
  };
  visit(definition.steps, undefined);
  return graph;
}

/** Every step of a definition, nested ones included, with where it sits (for static checks). */
export function allSteps(steps: Step[], path = "steps"): { step: Step; path: string; scope: Step[] }[] {
  return steps.flatMap((step, i) => [
    { step, path: `${path}[${i}]`, scope: steps },
    ...(step.parallelBranches ?? []).flatMap((branch, j) =>
      allSteps(branch.steps, `${path}[${i}].parallelBranches[${j}].steps`),
    ),
  ]);
}
