import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ARTIFACT_SOURCE_TYPES, ARTIFACT_STATUSES, ARTIFACT_TYPES } from "../domain/artifact.js";
import type { AssistantJob } from "../domain/assistant-job.js";
import { ASSISTANT_JOB_STATUSES } from "../domain/assistant-job.js";
import { AUDITED_ENTITY_TYPES } from "../domain/audit-event.js";
import { BUNDLE_STATUSES, RUN_STATUSES, type RunError, TRIGGER_TYPES } from "../domain/bundle.js";
import type { BundleLink, Reference } from "../domain/common.js";
import { NOTIFICATION_TYPES } from "../domain/notification.js";
import type { ProofRequirement, TaskValidation } from "../domain/proof.js";
import { RUN_LOG_LEVELS, type RunLogSummary } from "../domain/run-log.js";
import { STEP_STATUSES, type StepError } from "../domain/step-execution.js";
import { DATA_CLASSES, STORAGE_PROVIDERS } from "../domain/storage.js";
import { FOLLOW_UP_CHANNELS, TASK_EVENT_KINDS, TASK_SOURCES, TASK_STATUSES } from "../domain/task.js";
import type { WorkflowDefinition } from "../domain/workflow-definition.js";
import { created, strings, ts, version } from "./column-builders.js";
import { users } from "./identity-schema.js";

export { events } from "./event-schema.js";
export { apiTokens, sessions, users } from "./identity-schema.js";

export const workflowVersions = pgTable(
  "workflow_versions",
  {
    workflowVersionId: text().primaryKey(),
    workflowId: text().notNull(),
    version: integer().notNull(),
    contentHash: text().notNull(),
    sourcePath: text().notNull(),
    definition: jsonb().$type<WorkflowDefinition>().notNull(),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("workflow_versions_workflow_id_content_hash_idx").on(t.workflowId, t.contentHash),
    uniqueIndex("workflow_versions_workflow_id_version_idx").on(t.workflowId, t.version),
  ],
);

export const bundles = pgTable(
  "bundles",
  {
    bundleId: text().primaryKey(),
    workflowId: text(),
    workflowVersionId: text().references(() => workflowVersions.workflowVersionId, { onDelete: "restrict" }),
    title: text().notNull(),
    description: text(),
    anchorDate: date({ mode: "string" }).notNull(),
    stages: strings(),
    stage: text().notNull(),
    stageBeforeCompletion: text(),
    status: text({ enum: BUNDLE_STATUSES }).notNull(),
    references: jsonb().$type<Reference[]>().notNull().default([]),
    links: jsonb().$type<BundleLink[]>().notNull().default([]),
    tags: strings(),
    taskCount: integer().notNull().default(0),
    openTaskCount: integer().notNull().default(0),
    completedAt: ts(),
    completedBy: text().references(() => users.userId, { onDelete: "set null" }),
    idempotencyKey: text(),
    requestHash: text(),
    createdBy: text().references(() => users.userId, { onDelete: "set null" }),
    runStatus: text({ enum: RUN_STATUSES }),
    input: jsonb().$type<Record<string, unknown>>(),
    variables: jsonb().$type<Record<string, unknown>>(),
    error: jsonb().$type<RunError>(),
    correlationId: text(),
    runWakeAt: ts(),
    triggerType: text({ enum: TRIGGER_TYPES }),
    triggerEventId: text(),
    logSummary: jsonb().$type<RunLogSummary>(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    uniqueIndex("bundles_idempotency_key_idx").on(t.idempotencyKey),
    index("bundles_status_idx").on(t.status, t.bundleId),
    index("bundles_stage_idx").on(t.stage, t.bundleId),
    index("bundles_workflow_id_idx").on(t.workflowId, t.bundleId),
    // Runs a worker should look at (runs.listDue): only bundles with a wake time are in it.
    index("bundles_run_wake_at_idx").on(t.runWakeAt, t.bundleId).where(sql`${t.runWakeAt} is not null`),
  ],
);

export const recurringConfigs = pgTable(
  "recurring_configs",
  {
    recurringConfigId: text().primaryKey(),
    title: text().notNull(),
    workflowId: text(),
    taskDescription: text(),
    assigneeId: text().references(() => users.userId, { onDelete: "set null" }),
    tags: strings(),
    cron: text().notNull(),
    timeZone: text().notNull().default("UTC"),
    leadDays: integer().notNull().default(0),
    enabled: boolean().notNull().default(true),
    nextRunAt: ts().notNull(),
    lastRunAt: ts(),
    runCount: integer().notNull().default(0),
    skippedCount: integer().notNull().default(0),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [index("recurring_configs_next_run_at_idx").on(t.nextRunAt, t.recurringConfigId).where(sql`${t.enabled}`)],
);

export const tasks = pgTable(
  "tasks",
  {
    taskId: text().primaryKey(),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "cascade" }),
    workflowId: text(),
    workflowVersionId: text().references(() => workflowVersions.workflowVersionId, { onDelete: "restrict" }),
    templateTaskRef: text(),
    taskOrder: integer().notNull().default(0),
    description: text().notNull(),
    date: date({ mode: "string" }).notNull(),
    assigneeId: text().references(() => users.userId, { onDelete: "set null" }),
    status: text({ enum: TASK_STATUSES }).notNull(),
    isMilestone: boolean().notNull().default(false),
    stageOnComplete: text(),
    waitingFor: text(),
    followUpAt: ts(),
    followUpChannel: text({ enum: FOLLOW_UP_CHANNELS }),
    completedAt: ts(),
    completedBy: text().references(() => users.userId, { onDelete: "set null" }),
    link: text(),
    comment: text(),
    externalStatus: text(),
    requiredLinkName: text(),
    requiresFile: boolean().notNull().default(false),
    proofRequirement: jsonb().$type<ProofRequirement>(),
    instructionDocId: text(),
    instructionStepId: text(),
    phase: text(),
    systems: strings(),
    validation: jsonb().$type<TaskValidation>(),
    instructionsUrl: text(),
    sourceDocIds: strings(),
    tags: strings(),
    source: text({ enum: TASK_SOURCES }).notNull(),
    recurringConfigId: text().references(() => recurringConfigs.recurringConfigId, { onDelete: "set null" }),
    // No foreign key: the step names its task too, and one of the two must be written first.
    stepExecutionId: text(),
    outcomes: jsonb().$type<string[]>(),
    outcome: text(),
    createdBy: text().references(() => users.userId, { onDelete: "set null" }),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index("tasks_date_idx").on(t.date, t.taskId),
    index("tasks_open_date_idx").on(t.date, t.taskId).where(sql`${t.status} in ('todo', 'waiting')`),
    index("tasks_assignee_id_status_idx").on(t.assigneeId, t.status, t.date, t.taskId),
    index("tasks_assignee_id_date_idx").on(t.assigneeId, t.date, t.taskId),
    index("tasks_bundle_id_idx").on(t.bundleId, t.taskOrder, t.taskId),
    index("tasks_status_idx").on(t.status, t.taskId),
    index("tasks_waiting_follow_up_at_idx").on(t.followUpAt, t.taskId).where(sql`${t.status} = 'waiting'`),
  ],
);

export const taskEvents = pgTable(
  "task_events",
  {
    taskEventId: text().primaryKey(),
    taskId: text()
      .notNull()
      .references(() => tasks.taskId, { onDelete: "cascade" }),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "cascade" }),
    kind: text({ enum: TASK_EVENT_KINDS }).notNull(),
    actorId: text().references(() => users.userId, { onDelete: "set null" }),
    note: text(),
    changes: jsonb().$type<Record<string, unknown>>(),
    createdAt: created(),
  },
  (t) => [index("task_events_task_id_idx").on(t.taskId, t.taskEventId)],
);

/** One attempt of one step of a graph workflow's run. */
export const stepExecutions = pgTable(
  "step_executions",
  {
    stepExecutionId: text().primaryKey(),
    bundleId: text()
      .notNull()
      .references(() => bundles.bundleId, { onDelete: "cascade" }),
    branchPath: text().notNull(),
    stepId: text().notNull(),
    visit: integer().notNull(),
    attempt: integer().notNull(),
    status: text({ enum: STEP_STATUSES }).notNull(),
    // The task a human step waits on keeps it (ON DELETE RESTRICT), as files and artifacts do.
    taskId: text().references(() => tasks.taskId, { onDelete: "restrict" }),
    startedAt: ts(),
    endedAt: ts(),
    wakeAt: ts(),
    input: jsonb().$type<Record<string, unknown>>(),
    output: jsonb().$type<Record<string, unknown>>(),
    error: jsonb().$type<StepError>(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    // One record per attempt, whatever ID it was given.
    uniqueIndex("step_executions_bundle_id_branch_path_step_id_visit_attempt_idx").on(
      t.bundleId,
      t.branchPath,
      t.stepId,
      t.visit,
      t.attempt,
    ),
    index("step_executions_bundle_id_idx").on(t.bundleId, t.stepExecutionId),
    index("step_executions_task_id_idx").on(t.taskId),
  ],
);

/** A run's log, append-only; the retention GC deletes entries past expiresAt. */
export const runLogs = pgTable(
  "run_logs",
  {
    runLogId: text().primaryKey(),
    bundleId: text()
      .notNull()
      .references(() => bundles.bundleId, { onDelete: "cascade" }),
    at: created(),
    level: text({ enum: RUN_LOG_LEVELS }).notNull(),
    stepId: text(),
    // No foreign key: its index would cost every entry a write, to guard rows that go only with their bundle.
    stepExecutionId: text(),
    message: text().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    expiresAt: ts().notNull(),
  },
  (t) => [
    index("run_logs_bundle_id_idx").on(t.bundleId, t.runLogId),
    index("run_logs_expires_at_idx").on(t.expiresAt, t.runLogId),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    notificationId: text().primaryKey(),
    type: text({ enum: NOTIFICATION_TYPES }).notNull(),
    userId: text().references(() => users.userId, { onDelete: "cascade" }),
    taskId: text().references(() => tasks.taskId, { onDelete: "cascade" }),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "cascade" }),
    recurringConfigId: text().references(() => recurringConfigs.recurringConfigId, { onDelete: "cascade" }),
    message: text().notNull(),
    dueAt: ts().notNull(),
    dedupeKey: text().notNull(),
    dismissedAt: ts(),
    dismissedBy: text().references(() => users.userId, { onDelete: "set null" }),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key_idx").on(t.dedupeKey),
    index("notifications_user_id_due_at_idx").on(t.userId, t.dueAt, t.notificationId),
    // A recipient's list, undismissed then dismissed, newest first (user_id null: everyone's).
    index("notifications_open_idx").on(t.userId, t.dueAt, t.notificationId).where(sql`${t.dismissedAt} is null`),
    index("notifications_dismissed_idx")
      .on(t.userId, t.dueAt, t.notificationId)
      .where(sql`${t.dismissedAt} is not null`),
    // Everyone's (user_id null): an IS NULL match cannot read the indexes above in order.
    index("notifications_everyone_open_idx")
      .on(t.dueAt, t.notificationId)
      .where(sql`${t.userId} is null and ${t.dismissedAt} is null`),
    index("notifications_everyone_dismissed_idx")
      .on(t.dueAt, t.notificationId)
      .where(sql`${t.userId} is null and ${t.dismissedAt} is not null`),
  ],
);

/** Scheduler bookkeeping (not exported): who holds the tick, which daily sweeps and digests are done. */
export const schedulerLeases = pgTable(
  "scheduler_leases",
  {
    name: text().primaryKey(),
    holder: text().notNull(),
    expiresAt: ts().notNull(),
  },
  (t) => [index("scheduler_leases_expires_at_idx").on(t.expiresAt)],
);

export const files = pgTable(
  "files",
  {
    fileId: text().primaryKey(),
    taskId: text()
      .notNull()
      .references(() => tasks.taskId, { onDelete: "restrict" }),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "restrict" }),
    filename: text().notNull(),
    contentType: text().notNull(),
    // Files may be larger than 2 GiB (FILE_MAX_BYTES allows 5 GiB): int4 cannot hold every size the domain takes.
    sizeBytes: bigint({ mode: "number" }).notNull(),
    checksum: text().notNull(),
    storageProvider: text({ enum: STORAGE_PROVIDERS }).notNull(),
    storageUri: text().notNull(),
    category: text(),
    uploadedBy: text().references(() => users.userId, { onDelete: "set null" }),
    createdAt: created(),
  },
  (t) => [index("files_task_id_idx").on(t.taskId, t.fileId)],
);

export const assistantJobs = pgTable(
  "assistant_jobs",
  {
    assistantJobId: text().primaryKey(),
    assistantType: text().notNull(),
    title: text().notNull(),
    status: text({ enum: ASSISTANT_JOB_STATUSES }).notNull(),
    taskId: text().references(() => tasks.taskId, { onDelete: "restrict" }),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "restrict" }),
    requestedBy: text().references(() => users.userId, { onDelete: "set null" }),
    inputRefs: strings(),
    outputArtifactIds: strings(),
    approvalRequired: boolean().notNull().default(false),
    approval: jsonb().$type<AssistantJob["approval"]>(),
    attemptCount: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(3),
    retryOfJobId: text(),
    lastError: jsonb().$type<AssistantJob["lastError"]>(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index("assistant_jobs_status_idx").on(t.status, t.assistantJobId),
    index("assistant_jobs_task_id_idx").on(t.taskId, t.assistantJobId),
    index("assistant_jobs_bundle_id_idx").on(t.bundleId, t.assistantJobId),
  ],
);

export const artifacts = pgTable(
  "artifacts",
  {
    artifactId: text().primaryKey(),
    type: text({ enum: ARTIFACT_TYPES }).notNull(),
    title: text().notNull(),
    description: text(),
    status: text({ enum: ARTIFACT_STATUSES }).notNull(),
    storageProvider: text({ enum: STORAGE_PROVIDERS }).notNull(),
    storageUri: text().notNull(),
    filename: text(),
    contentType: text(),
    checksum: text(),
    sizeBytes: bigint({ mode: "number" }),
    dataClass: text({ enum: DATA_CLASSES }).notNull(),
    taskId: text().references(() => tasks.taskId, { onDelete: "restrict" }),
    bundleId: text().references(() => bundles.bundleId, { onDelete: "restrict" }),
    assistantJobId: text().references(() => assistantJobs.assistantJobId, { onDelete: "restrict" }),
    fileId: text().references(() => files.fileId, { onDelete: "restrict" }),
    sourceType: text({ enum: ARTIFACT_SOURCE_TYPES }).notNull(),
    createdBy: text().references(() => users.userId, { onDelete: "set null" }),
    reviewedBy: text().references(() => users.userId, { onDelete: "set null" }),
    reviewedAt: ts(),
    supersededBy: text(),
    tags: strings(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    index("artifacts_task_id_idx").on(t.taskId, t.artifactId),
    index("artifacts_bundle_id_idx").on(t.bundleId, t.artifactId),
    index("artifacts_assistant_job_id_idx").on(t.assistantJobId, t.artifactId),
    index("artifacts_status_idx").on(t.status, t.artifactId),
    index("artifacts_file_id_idx").on(t.fileId, t.artifactId),
    index("artifacts_type_idx").on(t.type, t.artifactId),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    auditEventId: text().primaryKey(),
    actorId: text().references(() => users.userId, { onDelete: "set null" }),
    entityType: text({ enum: AUDITED_ENTITY_TYPES }).notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    createdAt: created(),
  },
  (t) => [index("audit_events_entity_idx").on(t.entityType, t.entityId, t.auditEventId)],
);
