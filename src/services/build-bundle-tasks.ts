import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import type { Timestamp } from "../domain/dates.js";
import type { Task, TaskEvent } from "../domain/task.js";
import type { TaskDefinition } from "../domain/workflow-definition.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { anchoredDate } from "./anchored-date.js";

export type AssigneeChoice = (definition: TaskDefinition) => string | undefined;

/** A runtime task made from a task definition: due date from the anchor, gates and doc context copied. */
export function templateTask(
  bundle: Bundle,
  version: WorkflowVersion,
  definition: TaskDefinition,
  made: { taskId: string; order: number; assigneeId?: string; actorId?: string; now: Timestamp },
): Task {
  return {
    taskId: made.taskId,
    bundleId: bundle.bundleId,
    workflowId: version.workflowId,
    workflowVersionId: version.workflowVersionId,
    templateTaskRef: definition.refId,
    taskOrder: made.order,
    description: definition.description,
    date: anchoredDate(bundle.anchorDate, definition.offsetDays),
    assigneeId: made.assigneeId,
    status: "todo",
    isMilestone: definition.isMilestone,
    stageOnComplete: definition.stageOnComplete,
    requiredLinkName: definition.requiredLinkName,
    requiresFile: definition.requiresFile,
    proofRequirement: definition.proof,
    instructionDocId: definition.instructionDocId,
    instructionStepId: definition.instructionStepId,
    phase: definition.phase,
    systems: definition.systems ?? [],
    validation: definition.validation,
    instructionsUrl: definition.instructionsUrl,
    sourceDocIds: definition.sourceDocIds.length > 0 ? definition.sourceDocIds : version.definition.sourceDocIds,
    tags: definition.tags,
    outcomes: definition.outcomes,
    source: "template",
    createdBy: made.actorId,
    version: 1,
    createdAt: made.now,
    updatedAt: made.now,
  };
}

/**
 * One runtime task per task definition of a checklist workflow. A graph workflow's tasks are made by
 * its steps as the run reaches them (src/engine), so it starts with none.
 */
export function buildBundleTasks(
  ctx: Ctx,
  bundle: Bundle,
  version: WorkflowVersion,
  assigneeOf: AssigneeChoice,
): { tasks: Task[]; taskEvents: TaskEvent[] } {
  if (version.definition.steps) return { tasks: [], taskEvents: [] };
  const now = ctx.clock.now();
  const tasks = version.definition.tasks.map(
    (definition, index): Task =>
      templateTask(bundle, version, definition, {
        taskId: ctx.ids.next("task"),
        order: index,
        assigneeId: assigneeOf(definition),
        actorId: ctx.actor?.userId,
        now,
      }),
  );
  const taskEvents = tasks.map(
    (task): TaskEvent => ({
      taskEventId: ctx.ids.next("taskEvent"),
      taskId: task.taskId,
      bundleId: bundle.bundleId,
      kind: "created",
      actorId: ctx.actor?.userId,
      changes: { templateTaskRef: task.templateTaskRef, date: task.date },
      createdAt: now,
    }),
  );
  return { tasks, taskEvents };
}
