import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import type { Task, TaskEvent } from "../domain/task.js";
import type { TaskDefinition } from "../domain/workflow-definition.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { anchoredDate } from "./anchored-date.js";

export type AssigneeChoice = (definition: TaskDefinition) => string | undefined;

/** One runtime task per task definition: due date from the anchor, gates and doc context copied. */
export function buildBundleTasks(
  ctx: Ctx,
  bundle: Bundle,
  version: WorkflowVersion,
  assigneeOf: AssigneeChoice,
): { tasks: Task[]; taskEvents: TaskEvent[] } {
  const now = ctx.clock.now();
  const tasks = version.definition.tasks.map(
    (definition, index): Task => ({
      taskId: ctx.ids.next("task"),
      bundleId: bundle.bundleId,
      workflowId: version.workflowId,
      workflowVersionId: version.workflowVersionId,
      templateTaskRef: definition.refId,
      taskOrder: index,
      description: definition.description,
      date: anchoredDate(bundle.anchorDate, definition.offsetDays),
      assigneeId: assigneeOf(definition),
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
      source: "template",
      createdBy: ctx.actor?.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
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
