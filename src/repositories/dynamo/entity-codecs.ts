import type { Artifact } from "../../domain/artifact.js";
import type { AssistantJob } from "../../domain/assistant-job.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import type { Bundle } from "../../domain/bundle.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { FileRecord } from "../../domain/file-record.js";
import type { Notification } from "../../domain/notification.js";
import type { RecurringConfig } from "../../domain/recurring-config.js";
import type { RunLogEntry } from "../../domain/run-log.js";
import type { Session } from "../../domain/session.js";
import type { StepExecution } from "../../domain/step-execution.js";
import type { Task, TaskEvent } from "../../domain/task.js";
import type { ApiToken, User } from "../../domain/user.js";
import type { WorkflowEvent } from "../../domain/workflow-event.js";
import { indexKeys } from "./item-codec.js";
import {
  dayOf,
  type IndexKeys,
  type Key,
  keys,
  monthOf,
  monthOfId,
  partitions as P,
  REGISTRIES,
  sortKeys,
} from "./key-model.js";
import type { DynamoTable } from "./tables.js";

/** An entity a reference can point at, and how to find its item. */
export const TARGETS = {
  user: { table: "users", key: keys.user },
  bundle: { table: "bundles", key: keys.bundle },
  task: { table: "tasks", key: keys.task },
  workflowVersion: { table: "workflowVersions", key: keys.workflowVersionPointer },
  recurringConfig: { table: "recurringConfigs", key: keys.recurringConfig },
  file: { table: "files", key: keys.file },
  assistantJob: { table: "assistantJobs", key: keys.assistantJob },
  artifact: { table: "artifacts", key: keys.artifact },
} as const satisfies Record<string, { table: DynamoTable; key: (id: string) => Key }>;
export type Target = keyof typeof TARGETS;

export type Claim = { key: Key; message: string; value: Record<string, unknown> };

/** How one entity is stored. `references` mirror the foreign keys of src/db/schema.ts. */
export type EntityCodec<T> = {
  entityType: string;
  /** The portable entity it is exported as; its items carry the ID-ordered byId index keys. */
  exportAs?: PortableEntity;
  table: DynamoTable;
  idOf(record: T): string;
  key(record: T): Key;
  index(record: T): IndexKeys;
  references: readonly (readonly [keyof T & string, Target])[];
  claims?(record: T): Claim[];
  registries?(record: T): { name: string; months: string[] }[];
  /** When DynamoDB's TTL may delete the item and its claims (its table's TTL attribute is set from it). */
  expiresAt?(record: T): string;
};

const OPEN = new Set(["todo", "waiting"]);

export const userCodec: EntityCodec<User> = {
  entityType: "user",
  exportAs: "users",
  table: "users",
  idOf: (u) => u.userId,
  key: (u) => keys.user(u.userId),
  index: (u) => indexKeys({ byKind: [P.users(), u.userId] }),
  references: [],
  claims: (u) => [
    {
      key: keys.emailClaim(u.email),
      message: `a user with email ${u.email} already exists`,
      value: { userId: u.userId },
    },
  ],
};

export const apiTokenCodec: EntityCodec<ApiToken> = {
  entityType: "apiToken",
  table: "users",
  idOf: (t) => t.tokenId,
  key: (t) => keys.token(t.tokenId),
  index: (t) => indexKeys({ byUser: [P.tokensOf(t.userId), t.tokenId] }),
  references: [["userId", "user"]],
  claims: (t) => [
    { key: keys.tokenHashClaim(t.tokenHash), message: "token hash already in use", value: { tokenId: t.tokenId } },
  ],
};

/** Beside the user's tokens, in its own partitions; TTL deletes the session and its claim once expired. */
export const sessionCodec: EntityCodec<Session> = {
  entityType: "session",
  table: "users",
  idOf: (s) => s.sessionId,
  key: (s) => keys.session(s.sessionId),
  index: (s) => indexKeys({ byUser: [P.sessionsOf(s.userId), s.sessionId] }),
  references: [["userId", "user"]],
  claims: (s) => [
    {
      key: keys.sessionHashClaim(s.sessionHash),
      message: "session hash already in use",
      value: { sessionId: s.sessionId },
    },
  ],
  expiresAt: (s) => s.expiresAt,
};

export const bundleCodec: EntityCodec<Bundle> = {
  entityType: "bundle",
  exportAs: "bundles",
  table: "bundles",
  idOf: (b) => b.bundleId,
  key: (b) => keys.bundle(b.bundleId),
  index: (b) => {
    const month = monthOfId(b.bundleId);
    return indexKeys({
      byStatus: [P.bundlesByStatus(b.status, month), b.bundleId],
      byStage: [P.bundlesByStage(b.stage, month), b.bundleId],
      byWorkflow: b.workflowId ? [P.bundlesByWorkflow(b.workflowId, month), b.bundleId] : undefined,
      byMonth: [P.bundlesByMonth(month), b.bundleId],
      byRunWake: b.runWakeAt ? [P.dueRuns(), sortKeys.instant(b.runWakeAt, b.bundleId)] : undefined,
    });
  },
  references: [
    ["workflowVersionId", "workflowVersion"],
    ["completedBy", "user"],
    ["createdBy", "user"],
  ],
  claims: (b) =>
    b.idempotencyKey
      ? [
          {
            key: keys.idempotencyClaim(b.idempotencyKey),
            message: "this idempotency key was already used",
            value: { bundleId: b.bundleId },
          },
        ]
      : [],
  registries: (b) => [{ name: REGISTRIES.bundleMonths, months: [monthOfId(b.bundleId)] }],
};

export const taskCodec: EntityCodec<Task> = {
  entityType: "task",
  exportAs: "tasks",
  table: "tasks",
  idOf: (t) => t.taskId,
  key: (t) => keys.task(t.taskId),
  index: (t) => {
    const dated = sortKeys.dated(t.date, t.taskId);
    return indexKeys({
      byDue: [P.tasksDue(monthOf(t.date)), dated],
      byOpen: OPEN.has(t.status) ? [P.openTasks(), dated] : undefined,
      byWaiting:
        t.status === "waiting" && t.followUpAt ? [P.waitingTasks(), sortKeys.dated(t.followUpAt, t.taskId)] : undefined,
      byStatus: [P.tasksByStatus(t.status, monthOf(t.date)), dated],
      byAssignee: t.assigneeId ? [P.tasksOfAssignee(t.assigneeId), dated] : undefined,
      byAssigneeStatus: t.assigneeId ? [P.tasksOfAssigneeByStatus(t.assigneeId, t.status), dated] : undefined,
      byBundle: t.bundleId ? [P.tasksOfBundle(t.bundleId), sortKeys.ordered(t.taskOrder, t.taskId)] : undefined,
    });
  },
  references: [
    ["bundleId", "bundle"],
    ["workflowVersionId", "workflowVersion"],
    ["assigneeId", "user"],
    ["completedBy", "user"],
    ["createdBy", "user"],
    ["recurringConfigId", "recurringConfig"],
  ],
  registries: (t) => [{ name: REGISTRIES.taskMonths, months: [monthOf(t.date)] }],
};

export const taskEventCodec: EntityCodec<TaskEvent> = {
  entityType: "taskEvent",
  exportAs: "task_events",
  table: "tasks",
  idOf: (e) => e.taskEventId,
  key: (e) => keys.taskEvent(e.taskId, e.taskEventId),
  index: () => ({}),
  references: [
    ["taskId", "task"],
    ["bundleId", "bundle"],
    ["actorId", "user"],
  ],
};

/** Under its bundle's partition key (`STEP#<id>`), read only through the bundle. */
export const stepExecutionCodec: EntityCodec<StepExecution> = {
  entityType: "stepExecution",
  exportAs: "step_executions",
  table: "bundles",
  idOf: (s) => s.stepExecutionId,
  key: (s) => keys.stepExecution(s.bundleId, s.stepExecutionId),
  index: () => ({}),
  references: [
    ["bundleId", "bundle"],
    ["taskId", "task"],
  ],
};

/**
 * Under its bundle's partition key (`LOG#<id>`), read through the bundle. The sparse byLogExpiry
 * index, one partition per expiry day, lets the retention GC find expired entries without a scan.
 */
export const runLogCodec: EntityCodec<RunLogEntry> = {
  entityType: "runLog",
  exportAs: "run_logs",
  table: "bundles",
  idOf: (l) => l.runLogId,
  key: (l) => keys.runLog(l.bundleId, l.runLogId),
  index: (l) =>
    indexKeys({ byLogExpiry: [P.logsExpiringOn(dayOf(l.expiresAt)), sortKeys.instant(l.expiresAt, l.runLogId)] }),
  references: [["bundleId", "bundle"]],
  registries: (l) => [{ name: REGISTRIES.logExpiryDays, months: [dayOf(l.expiresAt)] }],
  expiresAt: (l) => l.expiresAt,
};

/** In its own partition (`EVENT#<eventId>`); no references, as Postgres's events table has no foreign keys. */
export const eventCodec: EntityCodec<WorkflowEvent> = {
  entityType: "event",
  exportAs: "events",
  table: "bundles",
  idOf: (e) => e.eventId,
  key: (e) => keys.event(e.eventId),
  index: (e) =>
    indexKeys({
      byEventType: [P.eventsOfType(e.type, monthOf(e.createdAt)), sortKeys.instant(e.createdAt, e.eventId)],
    }),
  references: [],
  registries: (e) => [{ name: REGISTRIES.eventMonths, months: [monthOf(e.createdAt)] }],
};

export const recurringConfigCodec: EntityCodec<RecurringConfig> = {
  entityType: "recurringConfig",
  exportAs: "recurring_configs",
  table: "recurringConfigs",
  idOf: (c) => c.recurringConfigId,
  key: (c) => keys.recurringConfig(c.recurringConfigId),
  index: (c) =>
    indexKeys({
      byNextRun: c.enabled ? [P.enabledSchedules(), sortKeys.dated(c.nextRunAt, c.recurringConfigId)] : undefined,
    }),
  references: [["assigneeId", "user"]],
};

export const notificationCodec: EntityCodec<Notification> = {
  entityType: "notification",
  exportAs: "notifications",
  table: "notifications",
  idOf: (n) => n.notificationId,
  key: (n) => keys.notification(n.notificationId),
  index: (n) =>
    indexKeys({
      byUser: n.userId ? [P.notificationsOf(n.userId), sortKeys.dated(n.dueAt, n.notificationId)] : undefined,
      byRecipient: [
        P.notificationsTo(n.userId, n.dismissedAt !== undefined),
        sortKeys.dated(n.dueAt, n.notificationId),
      ],
    }),
  references: [
    ["userId", "user"],
    ["taskId", "task"],
    ["bundleId", "bundle"],
    ["recurringConfigId", "recurringConfig"],
    ["dismissedBy", "user"],
  ],
  claims: (n) => [
    {
      key: keys.dedupeClaim(n.dedupeKey),
      message: `reminder ${n.dedupeKey} was already raised`,
      value: { notificationId: n.notificationId },
    },
  ],
};

export const fileCodec: EntityCodec<FileRecord> = {
  entityType: "file",
  exportAs: "files",
  table: "files",
  idOf: (f) => f.fileId,
  key: (f) => keys.file(f.fileId),
  index: (f) => indexKeys({ byTask: [P.ofTask(f.taskId), f.fileId] }),
  references: [
    ["taskId", "task"],
    ["bundleId", "bundle"],
    ["uploadedBy", "user"],
  ],
};

export const artifactCodec: EntityCodec<Artifact> = {
  entityType: "artifact",
  exportAs: "artifacts",
  table: "artifacts",
  idOf: (a) => a.artifactId,
  key: (a) => keys.artifact(a.artifactId),
  index: (a) =>
    indexKeys({
      byTask: a.taskId ? [P.ofTask(a.taskId), a.artifactId] : undefined,
      byBundle: a.bundleId ? [P.ofBundle(a.bundleId), a.artifactId] : undefined,
      byJob: a.assistantJobId ? [P.ofJob(a.assistantJobId), a.artifactId] : undefined,
      byStatus: [P.byStatus(a.status, monthOfId(a.artifactId)), a.artifactId],
      byFile: a.fileId ? [P.ofFile(a.fileId), a.artifactId] : undefined,
      byType: [P.byType(a.type, monthOfId(a.artifactId)), a.artifactId],
    }),
  references: [
    ["taskId", "task"],
    ["bundleId", "bundle"],
    ["assistantJobId", "assistantJob"],
    ["fileId", "file"],
    ["createdBy", "user"],
    ["reviewedBy", "user"],
  ],
  registries: (a) => [{ name: REGISTRIES.artifactMonths, months: [monthOfId(a.artifactId)] }],
};

export const assistantJobCodec: EntityCodec<AssistantJob> = {
  entityType: "assistantJob",
  exportAs: "assistant_jobs",
  table: "assistantJobs",
  idOf: (j) => j.assistantJobId,
  key: (j) => keys.assistantJob(j.assistantJobId),
  index: (j) =>
    indexKeys({
      byTask: j.taskId ? [P.ofTask(j.taskId), j.assistantJobId] : undefined,
      byBundle: j.bundleId ? [P.ofBundle(j.bundleId), j.assistantJobId] : undefined,
      byStatus: [P.byStatus(j.status, monthOfId(j.assistantJobId)), j.assistantJobId],
    }),
  references: [
    ["taskId", "task"],
    ["bundleId", "bundle"],
    ["requestedBy", "user"],
  ],
  registries: (j) => [{ name: REGISTRIES.jobMonths, months: [monthOfId(j.assistantJobId)] }],
};

export const auditEventCodec: EntityCodec<AuditEvent> = {
  entityType: "auditEvent",
  exportAs: "audit_events",
  table: "auditEvents",
  idOf: (e) => e.auditEventId,
  key: (e) => keys.auditEvent(e.entityType, e.entityId, e.auditEventId),
  index: () => ({}),
  references: [["actorId", "user"]],
};
