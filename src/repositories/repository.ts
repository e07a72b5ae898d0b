import type { Artifact } from "../domain/artifact.js";
import type { AssistantJob } from "../domain/assistant-job.js";
import type { AuditEvent, AuditedEntityType } from "../domain/audit-event.js";
import type { Bundle, BundleStatus } from "../domain/bundle.js";
import type { CalendarDate, Timestamp } from "../domain/dates.js";
import type { PortableEntity } from "../domain/export-names.js";
import type { FileRecord } from "../domain/file-record.js";
import type { Notification } from "../domain/notification.js";
import type { RecurringConfig } from "../domain/recurring-config.js";
import type { RunLogEntry, RunLogLevel } from "../domain/run-log.js";
import type { Session } from "../domain/session.js";
import type { StepExecution } from "../domain/step-execution.js";
import type { Task, TaskEvent, TaskStatus } from "../domain/task.js";
import type { ApiToken, User } from "../domain/user.js";
import type { WorkflowEvent } from "../domain/workflow-event.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import type { Page, PageRequest } from "./pagination.js";

/*
 * The one storage interface every backend implements (PGlite, Postgres, DynamoDB).
 * Conventions, so each method's comment can stay short:
 * - Reads that find nothing return `undefined`. Lists are keyset-paginated in the stated order.
 * - Every write is atomic: the record, its audit event(s) and any records named in the same call are
 *   written together or not at all.
 * - `update(next, expectedVersion, audit)` replaces the record only while its stored version equals
 *   `expectedVersion` (`next.version` must be `expectedVersion + 1`). A missing record throws
 *   `NotFoundError`, a stale one `VersionConflictError` carrying the current record.
 * - A duplicate unique value throws `ConflictError`; a reference to a missing record `NotFoundError`.
 * - `unchanged` lists records a decision was made from (the other enabled admin, the artifact that
 *   proves a task): the write lands only while each is still at the version read, else `ConflictError`.
 *   That ties an invariant spanning records to the one atomic write (DynamoDB: a ConditionCheck each;
 *   Postgres: the rows locked in one order, then compared).
 */

/** A versioned record to write alongside another in one atomic call. */
export type VersionedWrite<T> = { next: T; expectedVersion: number };

/** A record a write relied on, at the version it was read; files have no version: they must still exist. */
export type Unchanged = { entity: "file"; id: string } | { entity: VersionedEntity; id: string; version: number };
export type VersionedEntity = "user" | "bundle" | "task" | "artifact";

export interface VersionedStore<T> {
  update(next: T, expectedVersion: number, audit: AuditEvent, unchanged?: Unchanged[]): Promise<T>;
}

export interface UserStore extends VersionedStore<User> {
  /** Inserts the user; a taken email is a `ConflictError`. */
  create(user: User, audit: AuditEvent): Promise<User>;
  get(userId: string): Promise<User | undefined>;
  getByEmail(email: string): Promise<User | undefined>;
  /** Ordered by userId. */
  list(page: PageRequest): Promise<Page<User>>;
}

export interface ApiTokenStore extends VersionedStore<ApiToken> {
  /** `unchanged` names the owner as read, so a token is never issued past a concurrent disable. */
  create(token: ApiToken, audit: AuditEvent, unchanged?: Unchanged[]): Promise<ApiToken>;
  get(tokenId: string): Promise<ApiToken | undefined>;
  getByHash(tokenHash: string): Promise<ApiToken | undefined>;
  /** The token with this hash and its owner as they are now: what every request authenticates with. */
  getWithOwner(tokenHash: string): Promise<{ token: ApiToken; owner: User } | undefined>;
  /** Ordered by tokenId. */
  listByUser(userId: string, page: PageRequest): Promise<Page<ApiToken>>;
}

export interface SessionStore extends VersionedStore<Session> {
  /** `unchanged` names the owner as read, so a session never starts past a concurrent disable. */
  create(session: Session, audit: AuditEvent, unchanged?: Unchanged[]): Promise<Session>;
  get(sessionId: string): Promise<Session | undefined>;
  /** The session with this hash and its owner as they are now: what every portal request signs in with. */
  getWithOwner(sessionHash: string): Promise<{ session: Session; owner: User } | undefined>;
  /** Ordered by sessionId. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Session>>;
  /**
   * Deletes up to `limit` sessions whose `expiresAt` is at or before `now` and returns how many.
   * DynamoDB deletes them itself (TTL on the table's expiry attribute) and returns 0 here.
   */
  purgeExpired(now: Timestamp, limit: number): Promise<number>;
}

export interface WorkflowVersionStore {
  /**
   * Publishes `candidate` unless the same (workflowId, contentHash) exists, in which case the existing
   * version is returned with `created: false`. New versions number one above the workflow's latest;
   * concurrent registrations of different content never share a number.
   */
  register(
    candidate: Omit<WorkflowVersion, "version">,
    audit: AuditEvent,
  ): Promise<{ version: WorkflowVersion; created: boolean }>;
  get(workflowVersionId: string): Promise<WorkflowVersion | undefined>;
  getLatest(workflowId: string): Promise<WorkflowVersion | undefined>;
  /** Newest version first. */
  listByWorkflow(workflowId: string, page: PageRequest): Promise<Page<WorkflowVersion>>;
}

export type BundleFilter = { status?: BundleStatus; stage?: string; workflowId?: string };

export type NewBundle = { bundle: Bundle; tasks: Task[]; taskEvents: TaskEvent[]; audit: AuditEvent[] };

export interface BundleStore extends VersionedStore<Bundle> {
  /**
   * Writes the bundle, all its tasks, their history and audit events, all-or-nothing for readers
   * however many tasks there are. A taken idempotency key is a `ConflictError`.
   */
  createWithTasks(input: NewBundle): Promise<Bundle>;
  get(bundleId: string): Promise<Bundle | undefined>;
  getByIdempotencyKey(key: string): Promise<Bundle | undefined>;
  /** At most one filter applies (status, stage or workflowId); ordered by bundleId. */
  list(filter: BundleFilter, page: PageRequest): Promise<Page<Bundle>>;
  /** `update` with the reminders the change raises (a stage change), in one atomic write. */
  updateNotifying(
    next: Bundle,
    expectedVersion: number,
    audit: AuditEvent,
    notifications: Notification[],
  ): Promise<Bundle>;
}

/** A task change with the bundle change it implies (counters, stage), its history and audit. */
export type TaskWrite = {
  task: VersionedWrite<Task>;
  bundle?: VersionedWrite<Bundle>;
  event?: TaskEvent;
  audit: AuditEvent;
  unchanged?: Unchanged[];
  /** Reminders the change raises (a stage change): written with it; a taken dedupe key is a `ConflictError`. */
  notifications?: Notification[];
};

/** A change to a task as read (`previous`, whose version is the expected one) and as it should become. */
export type TaskChange = { previous: Task; next: Task };

export interface TaskStore {
  /** Inserts a task (and updates its bundle, version-checked, when given). */
  create(input: { task: Task; bundle?: VersionedWrite<Bundle>; event?: TaskEvent; audit: AuditEvent }): Promise<Task>;
  /** Replaces the task and, when given, its bundle; both version-checked, one atomic write. */
  update(input: TaskWrite): Promise<Task>;
  /**
   * Replaces several tasks of one bundle and the bundle, each version-checked (reschedule). Postgres:
   * one transaction. DynamoDB: one transaction up to 100 actions; beyond that chunk by chunk, putting
   * back the `previous` records of applied chunks if a later one fails.
   */
  updateMany(input: {
    changes: TaskChange[];
    bundle?: VersionedWrite<Bundle>;
    events: TaskEvent[];
    audit: AuditEvent;
  }): Promise<void>;
  /**
   * Deletes a task at `expectedVersion` with its history, updating its bundle when given. A task that
   * files, artifacts or assistant jobs still point at is a `ConflictError`.
   */
  delete(input: {
    taskId: string;
    expectedVersion: number;
    bundle?: VersionedWrite<Bundle>;
    audit: AuditEvent;
  }): Promise<void>;
  get(taskId: string): Promise<Task | undefined>;
  /** Tasks due on `date`, ordered by taskId. */
  listForDate(date: CalendarDate, page: PageRequest): Promise<Page<Task>>;
  /** Tasks due from `from` to `to` inclusive, ordered by (date, taskId). */
  listDueBetween(from: CalendarDate, to: CalendarDate, page: PageRequest): Promise<Page<Task>>;
  /** Open (todo or waiting) tasks due before `today`, ordered by (date, taskId). */
  listOverdue(today: CalendarDate, page: PageRequest): Promise<Page<Task>>;
  /** An assignee's tasks, optionally of one status, ordered by (date, taskId). */
  listByAssignee(assigneeId: string, status: TaskStatus | undefined, page: PageRequest): Promise<Page<Task>>;
  /** A bundle's tasks in template order, ordered by (taskOrder, taskId). */
  listByBundle(bundleId: string, page: PageRequest): Promise<Page<Task>>;
  /** Ordered by (date, taskId). */
  listByStatus(status: TaskStatus, page: PageRequest): Promise<Page<Task>>;
  /** Waiting tasks whose followUpAt is at or before `now`, ordered by (followUpAt, taskId). */
  listFollowUpDue(now: Timestamp, page: PageRequest): Promise<Page<Task>>;
  /** Task history, oldest first. */
  listEvents(taskId: string, page: PageRequest): Promise<Page<TaskEvent>>;
}

/**
 * One transition of a graph workflow's run, written atomically: the bundle (run state, counters, stage)
 * at its version, new and changed step attempts, the tasks the steps create or close, and what they
 * raise. A step attempt's ID is derived from (bundle, branch path, step, visit, attempt), so a second
 * worker recording the same attempt gets a `ConflictError` and changes nothing.
 */
export type RunWrite = {
  bundle: VersionedWrite<Bundle>;
  createSteps: StepExecution[];
  updateSteps: VersionedWrite<StepExecution>[];
  createTasks: Task[];
  updateTasks: VersionedWrite<Task>[];
  taskEvents: TaskEvent[];
  /** A taken dedupe key is a `ConflictError`. */
  notifications: Notification[];
  audit: AuditEvent[];
  /** The run log's entries for this transition (append-only; a taken runLogId is a `ConflictError`). */
  logs: RunLogEntry[];
};

export interface RunStore {
  /** Applies one transition (see RunWrite), all or nothing. */
  apply(write: RunWrite): Promise<void>;
  /** A run's step attempts, ordered by stepExecutionId. */
  listSteps(bundleId: string, page: PageRequest): Promise<Page<StepExecution>>;
  /** Bundles whose runWakeAt is at or before `now`: runs a worker should look at, ordered by (runWakeAt, bundleId). */
  listDue(now: Timestamp, page: PageRequest): Promise<Page<Bundle>>;
}

/** `level`: entries at or above it; `stepId`: that step's entries only. */
export type RunLogFilter = { level?: RunLogLevel; stepId?: string };

export interface RunLogStore {
  /** A run's log entries, oldest first (ordered by runLogId), filtered. */
  listByBundle(bundleId: string, filter: RunLogFilter, page: PageRequest): Promise<Page<RunLogEntry>>;
  /** Deletes up to `limit` entries whose expiresAt is at or before `now`, oldest first; returns how many. */
  purgeExpired(now: Timestamp, limit: number): Promise<number>;
}

export interface EventStore {
  /** Stores a received event as given; an existing eventId is a `ConflictError` and changes nothing. */
  create(event: WorkflowEvent): Promise<WorkflowEvent>;
  get(eventId: string): Promise<WorkflowEvent | undefined>;
  /** Events of exactly `type` stored at or after `since`, ordered by (createdAt, eventId). */
  listByType(type: string, since: Timestamp, page: PageRequest): Promise<Page<WorkflowEvent>>;
}

export interface RecurringConfigStore extends VersionedStore<RecurringConfig> {
  create(config: RecurringConfig, audit: AuditEvent): Promise<RecurringConfig>;
  get(recurringConfigId: string): Promise<RecurringConfig | undefined>;
  /** Every config, ordered by recurringConfigId. */
  list(page: PageRequest): Promise<Page<RecurringConfig>>;
  /** Enabled configs whose nextRunAt is at or before `now`, ordered by (nextRunAt, id). */
  listDue(now: Timestamp, page: PageRequest): Promise<Page<RecurringConfig>>;
  /** Deletes the config at `expectedVersion` (missing: `NotFoundError`; stale: `VersionConflictError`). */
  delete(recurringConfigId: string, expectedVersion: number, audit: AuditEvent): Promise<void>;
}

/** Where a recipient's list stands: the (dueAt, notificationId) of the last item already seen. */
export type NotificationPosition = { dueAt: Timestamp; notificationId: string };

export interface NotificationStore extends VersionedStore<Notification> {
  /** A repeated `dedupeKey` is a `ConflictError`, so a reminder is never raised twice. */
  create(notification: Notification, audit: AuditEvent): Promise<Notification>;
  get(notificationId: string): Promise<Notification | undefined>;
  /** A user's notifications due at or before `dueBefore`, ordered by (dueAt, id). */
  listForUser(userId: string, dueBefore: Timestamp, page: PageRequest): Promise<Page<Notification>>;
  /**
   * Up to `limit` notifications addressed to `userId` (undefined: everyone's), undismissed or
   * dismissed, newest first by (dueAt, notificationId), strictly after `before` in that order.
   */
  listForRecipient(
    userId: string | undefined,
    dismissed: boolean,
    before: NotificationPosition | undefined,
    limit: number,
  ): Promise<Notification[]>;
  /** How many undismissed notifications are addressed to `userId` (undefined: everyone's). */
  countUndismissed(userId: string | undefined): Promise<number>;
  /** Which of `dedupeKeys` (at most 100) are taken, dismissed or not: what a tick need not raise again. */
  existingKeys(dedupeKeys: string[]): Promise<Set<string>>;
}

/** Scheduler bookkeeping, never exported: short leases and done-markers that expire. */
export interface SchedulerLeaseStore {
  /**
   * Takes `name` for `holder` until `expiresAt` when it is free, expired at `now`, or already this
   * holder's. True when taken; false when another holder has it.
   */
  acquire(name: string, holder: string, now: Timestamp, expiresAt: Timestamp): Promise<boolean>;
  /** Gives `name` up if `holder` still has it. */
  release(name: string, holder: string): Promise<void>;
  /** The lease as stored, expired or not. */
  get(name: string): Promise<{ name: string; holder: string; expiresAt: Timestamp } | undefined>;
  /** Deletes leases that expired before `before`; DynamoDB's TTL does the same on its own. */
  purgeExpired(before: Timestamp): Promise<number>;
}

export interface FileStore {
  create(file: FileRecord, audit: AuditEvent): Promise<FileRecord>;
  /** Deletes a file's record; an artifact that still points at it is a `ConflictError`. */
  delete(fileId: string, audit: AuditEvent, unchanged?: Unchanged[]): Promise<void>;
  get(fileId: string): Promise<FileRecord | undefined>;
  /** Ordered by fileId. */
  listByTask(taskId: string, page: PageRequest): Promise<Page<FileRecord>>;
}

/** At least one field; the first of taskId, bundleId, assistantJobId, fileId, status, type picks the index. */
export type ArtifactFilter = {
  taskId?: string;
  bundleId?: string;
  assistantJobId?: string;
  fileId?: string;
  status?: Artifact["status"];
  type?: Artifact["type"];
};

export interface ArtifactStore extends VersionedStore<Artifact> {
  create(artifact: Artifact, audit: AuditEvent): Promise<Artifact>;
  get(artifactId: string): Promise<Artifact | undefined>;
  /** Every given field must match; ordered by artifactId. */
  list(filter: ArtifactFilter, page: PageRequest): Promise<Page<Artifact>>;
  /**
   * The artifacts of up to ARTIFACT_TASKS_MAX tasks in one call (a bundle's tasks), ordered by taskId
   * then artifactId, at most `limit` (up to 1000) in all; `truncated` says more exist (or more tasks
   * were given than are read).
   */
  listForTasks(taskIds: string[], limit: number): Promise<{ items: Artifact[]; truncated: boolean }>;
}

export const ARTIFACT_TASKS_MAX = 500;

export type AssistantJobFilter = { taskId: string } | { bundleId: string } | { status: AssistantJob["status"] };

export interface AssistantJobStore extends VersionedStore<AssistantJob> {
  create(job: AssistantJob, audit: AuditEvent): Promise<AssistantJob>;
  /** A job change with the output artifacts it creates or changes (approval), in one atomic write. */
  saveWithArtifacts(input: {
    job: VersionedWrite<AssistantJob>;
    newArtifacts: Artifact[];
    artifacts: VersionedWrite<Artifact>[];
    audit: AuditEvent[];
  }): Promise<AssistantJob>;
  get(assistantJobId: string): Promise<AssistantJob | undefined>;
  /** Exactly one relationship or status; ordered by assistantJobId. */
  list(filter: AssistantJobFilter, page: PageRequest): Promise<Page<AssistantJob>>;
}

export interface AuditEventStore {
  /** An entity's audit trail, oldest first. There is no way to change or delete an event. */
  listByEntity(entityType: AuditedEntityType, entityId: string, page: PageRequest): Promise<Page<AuditEvent>>;
}

export interface ExportReader {
  /**
   * Every record of one portable entity, ascending by its ID, one page at a time: how exports read
   * the whole store with flat memory. Secret fields are the exporter's to leave out.
   */
  list(entity: PortableEntity, page: PageRequest): Promise<Page<Record<string, unknown>>>;
  /**
   * The same records, in the same order and pages, as export text: byte for byte what `portableText`
   * makes of `list`'s records. A backend may render the lines inside its read, skipping the records.
   */
  lines(entity: PortableEntity, page: PageRequest): Promise<ExportLines>;
  /**
   * Every page `lines` gives, first to last, `limit` records a page: how exports and migrations read
   * a whole entity. A backend may read the next page while this one is being rendered.
   */
  pages(entity: PortableEntity, limit: number): AsyncIterable<ExportLines>;
}

/** One page of an entity's export: `count` newline-terminated JSON lines. */
export type ExportLines = { text: string; count: number; nextCursor: string | null };

export interface ImportWriter {
  /**
   * Writes records exactly as given (no audit events: they are history being restored), each only if
   * its ID is not in the store yet, so running an import twice changes nothing. A unique value held by
   * a different record (an email, an idempotency key) is a `ConflictError`.
   */
  putIfAbsent(
    entity: PortableEntity,
    records: Record<string, unknown>[],
  ): Promise<{ written: number; existing: number }>;
}

export interface Repository {
  users: UserStore;
  apiTokens: ApiTokenStore;
  sessions: SessionStore;
  workflowVersions: WorkflowVersionStore;
  bundles: BundleStore;
  tasks: TaskStore;
  runs: RunStore;
  runLogs: RunLogStore;
  events: EventStore;
  recurringConfigs: RecurringConfigStore;
  notifications: NotificationStore;
  schedulerLeases: SchedulerLeaseStore;
  files: FileStore;
  artifacts: ArtifactStore;
  assistantJobs: AssistantJobStore;
  auditEvents: AuditEventStore;
  exports: ExportReader;
  imports: ImportWriter;
  /** Resolves when the store answers a trivial read; rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Releases connections or processes the backend holds. */
  close(): Promise<void>;
}
