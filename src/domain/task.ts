import { z } from "zod";
import { OptionalLink, Tags, Version } from "./common.js";
import { CalendarDate, Timestamp } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";
import { DocContext, ProofRequirement } from "./proof.js";

export const TASK_STATUSES = ["todo", "waiting", "done", "archived"] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
/** Statuses that count as open work (due, overdue, bundle open counts). */
export const OPEN_TASK_STATUSES = ["todo", "waiting"] as const satisfies readonly TaskStatus[];

export const TASK_SOURCES = ["manual", "template", "recurring", "workflow"] as const;
export const FOLLOW_UP_CHANNELS = ["email", "slack", "telegram", "phone", "other"] as const;

export const Task = z.strictObject({
  taskId: idSchema("task"),
  bundleId: idSchema("bundle").optional(),
  workflowId: z.string().min(1).optional(),
  workflowVersionId: idSchema("workflowVersion").optional(),
  templateTaskRef: z.string().min(1).optional(),
  taskOrder: z.number().int().min(0),
  description: z.string().trim().min(1).max(2000),
  date: CalendarDate,
  assigneeId: idSchema("user").optional(),
  status: TaskStatus,
  isMilestone: z.boolean(),
  stageOnComplete: z.string().min(1).optional(),
  waitingFor: z.string().trim().min(1).max(500).optional(),
  followUpAt: Timestamp.optional(),
  followUpChannel: z.enum(FOLLOW_UP_CHANNELS).optional(),
  completedAt: Timestamp.optional(),
  completedBy: idSchema("user").optional(),
  link: OptionalLink.optional(),
  comment: z.string().max(5000).optional(),
  externalStatus: z.string().max(200).optional(),
  requiredLinkName: z.string().min(1).optional(),
  requiresFile: z.boolean(),
  proofRequirement: ProofRequirement.optional(),
  ...DocContext.shape,
  systems: z.array(z.string().min(1)),
  sourceDocIds: z.array(z.string().min(1)),
  tags: Tags,
  source: z.enum(TASK_SOURCES),
  recurringConfigId: idSchema("recurringConfig").optional(),
  /** The step attempt this task is for (graph workflows). */
  stepExecutionId: idSchema("stepExecution").optional(),
  /** Completing the task requires one of these; the chosen one is `outcome`. */
  outcomes: z.array(z.string().min(1)).optional(),
  outcome: z.string().min(1).optional(),
  createdBy: idSchema("user").optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Task = z.infer<typeof Task>;

/** A new open task with no gates and no template: what generated work (recurring configs, workflow actions) starts as. */
export function plainTask(
  now: string,
  fields: Pick<Task, "taskId" | "taskOrder" | "description" | "date" | "tags" | "source"> & Partial<Task>,
): Task {
  return {
    status: "todo",
    isMilestone: false,
    requiresFile: false,
    systems: [],
    sourceDocIds: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

export const TASK_EVENT_KINDS = [
  "created",
  "updated",
  "completed",
  "reopened",
  "marked-waiting",
  "follow-up-sent",
  "response-received",
  "rescheduled",
  "archived",
] as const;

/** Append-only task history: one record per change, never a list inside the task. */
export const TaskEvent = z.strictObject({
  taskEventId: idSchema("taskEvent"),
  taskId: idSchema("task"),
  bundleId: idSchema("bundle").optional(),
  kind: z.enum(TASK_EVENT_KINDS),
  actorId: idSchema("user").optional(),
  note: z.string().max(5000).optional(),
  changes: JsonObject.optional(),
  createdAt: Timestamp,
});
export type TaskEvent = z.infer<typeof TaskEvent>;
