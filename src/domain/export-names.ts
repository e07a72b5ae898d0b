import type { z } from "zod";
import { Artifact } from "./artifact.js";
import { AssistantJob } from "./assistant-job.js";
import { AuditEvent } from "./audit-event.js";
import { Bundle } from "./bundle.js";
import { FileRecord } from "./file-record.js";
import { Notification } from "./notification.js";
import { RecurringConfig } from "./recurring-config.js";
import { RunLogEntry } from "./run-log.js";
import { StepExecution } from "./step-execution.js";
import { Task, TaskEvent } from "./task.js";
import { User } from "./user.js";
import { WorkflowEvent } from "./workflow-event.js";
import { WorkflowVersion } from "./workflow-version.js";

/** `taskId` -> `task_id`: the one mapping from runtime names to portable export names. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Every durable entity with its portable name, file and ID field. Export field order is the order
 * of the domain schema's keys, so it is stable and defined here once.
 */
export const PORTABLE_ENTITIES = {
  users: { schema: User, idField: "userId" },
  workflow_versions: { schema: WorkflowVersion, idField: "workflowVersionId" },
  bundles: { schema: Bundle, idField: "bundleId" },
  tasks: { schema: Task, idField: "taskId" },
  task_events: { schema: TaskEvent, idField: "taskEventId" },
  step_executions: { schema: StepExecution, idField: "stepExecutionId" },
  run_logs: { schema: RunLogEntry, idField: "runLogId" },
  events: { schema: WorkflowEvent, idField: "eventId" },
  recurring_configs: { schema: RecurringConfig, idField: "recurringConfigId" },
  notifications: { schema: Notification, idField: "notificationId" },
  files: { schema: FileRecord, idField: "fileId" },
  artifacts: { schema: Artifact, idField: "artifactId" },
  assistant_jobs: { schema: AssistantJob, idField: "assistantJobId" },
  audit_events: { schema: AuditEvent, idField: "auditEventId" },
} as const satisfies Record<string, { schema: z.ZodObject; idField: string }>;
export type PortableEntity = keyof typeof PORTABLE_ENTITIES;

/** The snake_case field names of an entity, in export order. */
export function exportFieldNames(entity: PortableEntity): string[] {
  return Object.keys(PORTABLE_ENTITIES[entity].schema.shape).map(toSnakeCase);
}
