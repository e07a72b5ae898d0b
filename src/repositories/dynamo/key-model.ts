import type { DynamoTable } from "./tables.js";

/*
 * The DynamoDB model in one place: every table is keyed (pk, sk); each global secondary index
 * <name> is keyed (<name>Pk, <name>Sk) with ALL attributes projected. Keys are built here and
 * nowhere else; PK/SK never leave the repository. Lists that would grow forever (done tasks,
 * completed bundles, approved artifacts) are bucketed by month, and a month registry item records
 * which buckets exist, so no query ever needs a scan.
 */

export const SCHEMA_VERSION = 1;
export const ENTITY_ATTRIBUTE = "_entity";
export const SCHEMA_VERSION_ATTRIBUTE = "_schemaVersion";
/**
 * The TTL attribute (epoch seconds) of the bundles table (run log entries) and the users table
 * (sessions and their hash claims): DynamoDB deletes them on its own past expiresAt. Underscored, so
 * it never reads back into a record.
 */
export const TTL_ATTRIBUTE = "_expiresAtEpoch";

/** Indexes each table declares (infra/template.yaml must declare at least these). */
export const TABLE_INDEXES = {
  users: ["byKind", "byUser", "byId"],
  workflowVersions: ["byId"],
  bundles: [
    "byStatus",
    "byStage",
    "byWorkflow",
    "byMonth",
    "byPending",
    "byRunWake",
    "byLogExpiry",
    "byEventType",
    "byId",
  ],
  tasks: ["byDue", "byOpen", "byWaiting", "byStatus", "byAssignee", "byAssigneeStatus", "byBundle", "byId"],
  recurringConfigs: ["byNextRun", "byId"],
  notifications: ["byUser", "byRecipient", "byId"],
  files: ["byTask", "byId"],
  artifacts: ["byTask", "byBundle", "byJob", "byStatus", "byFile", "byType", "byId"],
  assistantJobs: ["byTask", "byBundle", "byStatus", "byId"],
  auditEvents: ["byId"],
  scheduler: [],
} as const satisfies Record<DynamoTable, readonly string[]>;

export type Key = { pk: string; sk: string };
export type IndexKeys = Record<string, string>;

const ROOT = "#";
/** The sort-key prefix of step attempts under a bundle's partition key. */
export const STEP_PREFIX = "STEP#";
/** The sort-key prefix of run log entries under a bundle's partition key. */
export const LOG_PREFIX = "LOG#";
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** `2026-03-02` or an ISO timestamp -> `2026-03`. */
export const monthOf = (dateOrTimestamp: string) => dateOrTimestamp.slice(0, 7);

/** An ISO timestamp -> the UTC day it falls on, `2026-03-02`. */
export const dayOf = (timestamp: string) => new Date(timestamp).toISOString().slice(0, 10);

/** The month a generated ID was minted in (its ULID time part); hand-chosen IDs fall in `0000-00`. */
export function monthOfId(id: string): string {
  const time = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  if (time.length !== 10 || [...time].some((c) => !CROCKFORD.includes(c))) return "0000-00";
  const ms = [...time].reduce((acc, c) => acc * 32 + CROCKFORD.indexOf(c), 0);
  return new Date(ms).toISOString().slice(0, 7);
}

const pad = (n: number) => String(n).padStart(6, "0");

/**
 * The export bucket of an ID: the first four characters after its prefix (about 12 days of a
 * generated ID's clock). Buckets and IDs both sort bytewise, so reading buckets in order reads IDs in order.
 */
export function idBucket(id: string): string {
  const start = id.indexOf("_") + 1;
  return id.slice(start, start + 4);
}

export const keys = {
  user: (userId: string): Key => ({ pk: `USER#${userId}`, sk: ROOT }),
  emailClaim: (email: string): Key => ({ pk: `EMAIL#${email}`, sk: ROOT }),
  token: (tokenId: string): Key => ({ pk: `TOKEN#${tokenId}`, sk: ROOT }),
  tokenHashClaim: (hash: string): Key => ({ pk: `TOKENHASH#${hash}`, sk: ROOT }),
  session: (sessionId: string): Key => ({ pk: `SESSION#${sessionId}`, sk: ROOT }),
  sessionHashClaim: (hash: string): Key => ({ pk: `SESSIONHASH#${hash}`, sk: ROOT }),
  workflowVersion: (workflowId: string, version: number): Key => ({
    pk: `WORKFLOW#${workflowId}`,
    sk: `VERSION#${pad(version)}`,
  }),
  workflowVersionPointer: (workflowVersionId: string): Key => ({ pk: `WFV#${workflowVersionId}`, sk: ROOT }),
  contentHashClaim: (workflowId: string, hash: string): Key => ({ pk: `WORKFLOW#${workflowId}`, sk: `HASH#${hash}` }),
  bundle: (bundleId: string): Key => ({ pk: `BUNDLE#${bundleId}`, sk: ROOT }),
  /** A run's step attempts live in its bundle's partition, after the bundle's own item. */
  stepExecution: (bundleId: string, stepExecutionId: string): Key => ({
    pk: `BUNDLE#${bundleId}`,
    sk: `${STEP_PREFIX}${stepExecutionId}`,
  }),
  /** A run's log entries live in its bundle's partition too, beside its steps; every read names its prefix. */
  runLog: (bundleId: string, runLogId: string): Key => ({ pk: `BUNDLE#${bundleId}`, sk: `${LOG_PREFIX}${runLogId}` }),
  /** A received event: its own partition, keyed by the sender's eventId. */
  event: (eventId: string): Key => ({ pk: `EVENT#${eventId}`, sk: ROOT }),
  idempotencyClaim: (key: string): Key => ({ pk: `IDEM#${key}`, sk: ROOT }),
  pendingBundle: (bundleId: string): Key => ({ pk: `PENDING#${bundleId}`, sk: ROOT }),
  task: (taskId: string): Key => ({ pk: `TASK#${taskId}`, sk: ROOT }),
  taskEvent: (taskId: string, taskEventId: string): Key => ({ pk: `TASK#${taskId}`, sk: `EVENT#${taskEventId}` }),
  recurringConfig: (id: string): Key => ({ pk: `REC#${id}`, sk: ROOT }),
  notification: (id: string): Key => ({ pk: `NTF#${id}`, sk: ROOT }),
  dedupeClaim: (dedupeKey: string): Key => ({ pk: `DEDUPE#${dedupeKey}`, sk: ROOT }),
  lease: (name: string): Key => ({ pk: `LEASE#${name}`, sk: ROOT }),
  file: (fileId: string): Key => ({ pk: `FILE#${fileId}`, sk: ROOT }),
  artifact: (artifactId: string): Key => ({ pk: `ART#${artifactId}`, sk: ROOT }),
  assistantJob: (id: string): Key => ({ pk: `JOB#${id}`, sk: ROOT }),
  auditEvent: (entityType: string, entityId: string, auditEventId: string): Key => ({
    pk: `AUDIT#${entityType}#${entityId}`,
    sk: auditEventId,
  }),
  monthRegistry: (name: string): Key => ({ pk: `META#${name}`, sk: ROOT }),
};

/** Index partition values, shared by the writers (item keys) and the readers (queries). */
export const partitions = {
  users: () => "USER",
  tokensOf: (userId: string) => `USER#${userId}`,
  /** Apart from the user's tokens, so neither list reads the other's items. */
  sessionsOf: (userId: string) => `SESSIONS#${userId}`,
  bundlesByStatus: (status: string, month: string) => `STATUS#${status}#${month}`,
  bundlesByStage: (stage: string, month: string) => `STAGE#${stage}#${month}`,
  bundlesByWorkflow: (workflowId: string, month: string) => `WORKFLOW#${workflowId}#${month}`,
  bundlesByMonth: (month: string) => `MONTH#${month}`,
  pendingBundles: () => "PENDING",
  dueRuns: () => "RUNWAKE",
  /** Run log entries that expire on `day` (sparse: log entries only). */
  logsExpiringOn: (day: string) => `LOGEXPIRY#${day}`,
  eventsOfType: (type: string, month: string) => `EVENTTYPE#${type}#${month}`,
  tasksDue: (month: string) => `DUE#${month}`,
  openTasks: () => "OPEN",
  waitingTasks: () => "WAITING",
  tasksByStatus: (status: string, month: string) => `STATUS#${status}#${month}`,
  tasksOfAssignee: (assigneeId: string) => `ASSIGNEE#${assigneeId}`,
  tasksOfAssigneeByStatus: (assigneeId: string, status: string) => `ASSIGNEE#${assigneeId}#${status}`,
  tasksOfBundle: (bundleId: string) => `BUNDLE#${bundleId}`,
  enabledSchedules: () => "ENABLED",
  notificationsOf: (userId: string) => `USER#${userId}`,
  /** A recipient's (`*`: everyone's) undismissed or dismissed notifications. */
  notificationsTo: (userId: string | undefined, dismissed: boolean) =>
    `TO#${userId ?? "*"}#${dismissed ? "DISMISSED" : "OPEN"}`,
  ofTask: (taskId: string) => `TASK#${taskId}`,
  ofBundle: (bundleId: string) => `BUNDLE#${bundleId}`,
  ofJob: (assistantJobId: string) => `JOB#${assistantJobId}`,
  byStatus: (status: string, month: string) => `STATUS#${status}#${month}`,
  ofFile: (fileId: string) => `FILE#${fileId}`,
  allOf: (entity: string, bucket: string) => `ID#${entity}#${bucket}`,
  byType: (type: string, month: string) => `TYPE#${type}#${month}`,
};

export const sortKeys = {
  dated: (date: string, id: string) => `${date}#${id}`,
  ordered: (order: number, id: string) => `${pad(order)}#${id}`,
  /** A timestamp as Date#toISOString prints it (milliseconds, `Z`), so the key sorts in time order. */
  instant: (timestamp: string, id: string) => `${new Date(timestamp).toISOString()}#${id}`,
};

/** Month registries: which month buckets hold items, so bucketed lists know where to look. */
export const REGISTRIES = {
  taskMonths: "TASK_MONTHS",
  bundleMonths: "BUNDLE_MONTHS",
  artifactMonths: "ARTIFACT_MONTHS",
  jobMonths: "JOB_MONTHS",
  eventMonths: "EVENT_MONTHS",
  /** Days, not months: the expiry days run log entries fall on; the GC lets go of a past day it emptied. */
  logExpiryDays: "LOG_EXPIRY_DAYS",
} as const;
/** The registry of ID buckets of one exported entity. */
export const idRegistry = (entity: string) => `IDS_${entity}`;

/**
 * Access patterns and what serves them (documented in docs/execution-state-schema.md).
 * `Get` = GetItem on the table key; `Query` = Query on the named index or on the table.
 */
export const ACCESS_PATTERNS = [
  ["user by id", "users", "Get USER#<userId>"],
  ["user by email", "users", "Get EMAIL#<email> claim, then the user"],
  ["all users", "users", "Query byKind pk=USER (bounded by team size)"],
  ["token by hash", "users", "Get TOKENHASH#<hash> claim, then TOKEN#<tokenId>"],
  ["tokens of a user", "users", "Query byUser pk=USER#<userId>"],
  ["session by hash, with its owner", "users", "Get SESSIONHASH#<hash> claim, then SESSION#<sessionId>, then the user"],
  ["sessions of a user", "users", "Query byUser pk=SESSIONS#<userId>"],
  ["expired sessions", "users", "none: TTL on _expiresAtEpoch deletes each session and its hash claim"],
  ["workflow version by id", "workflowVersions", "Get WFV#<id> pointer, then the version"],
  [
    "latest / all versions of a workflow",
    "workflowVersions",
    "Query pk=WORKFLOW#<id>, sk begins_with VERSION#, descending",
  ],
  ["bundle by id / idempotency key", "bundles", "Get BUNDLE#<id> / IDEM#<key> claim"],
  [
    "bundles by status / stage / workflow / all",
    "bundles",
    "Query byStatus / byStage / byWorkflow / byMonth per creation month",
  ],
  ["steps of a run", "bundles", "Query pk=BUNDLE#<id>, sk begins_with STEP#"],
  ["runs due", "bundles", "Query byRunWake pk=RUNWAKE (sparse: runs with a wake time), sk <= <now>#~"],
  ["a run's log, filtered by level / step", "bundles", "Query pk=BUNDLE#<id>, sk begins_with LOG#; filtered as read"],
  [
    "expired run log entries (retention GC)",
    "bundles",
    "Query byLogExpiry pk=LOGEXPIRY#<day> (sparse) per registered day up to today, sk <= <now>#~; TTL on _expiresAtEpoch",
  ],
  ["event by id", "bundles", "Get EVENT#<eventId>"],
  [
    "events of a type since a time",
    "bundles",
    "Query byEventType pk=EVENTTYPE#<type>#<month> per registered month from since's, sk >= <since>#",
  ],
  ["task by id, task history", "tasks", "Get TASK#<id>; Query pk=TASK#<id>, sk begins_with EVENT#"],
  ["tasks for a date, due in a range", "tasks", "Query byDue pk=DUE#<month>, sk begins_with / between <date>#"],
  ["overdue open tasks", "tasks", "Query byOpen pk=OPEN (sparse: open tasks only), sk < <today>#"],
  ["waiting tasks whose follow-up is due", "tasks", "Query byWaiting pk=WAITING (sparse), sk <= <now>#~"],
  ["tasks by status", "tasks", "Query byStatus pk=STATUS#<status>#<month> per month"],
  [
    "tasks by assignee (and status)",
    "tasks",
    "Query byAssignee pk=ASSIGNEE#<id> / byAssigneeStatus pk=ASSIGNEE#<id>#<status>",
  ],
  ["tasks of a bundle", "tasks", "Query byBundle pk=BUNDLE#<id>, sk <order>#<taskId>"],
  ["recurring configs due", "recurringConfigs", "Query byNextRun pk=ENABLED (sparse), sk <= <now>#~"],
  ["a user's notifications due", "notifications", "Query byUser pk=USER#<id>, sk <= <dueBefore>#~"],
  [
    "a recipient's notifications, undismissed / dismissed, newest first; their count",
    "notifications",
    "Query byRecipient pk=TO#<userId or *>#OPEN|DISMISSED, sk < <dueAt>#<id>, descending",
  ],
  ["which reminder keys are taken", "notifications", "BatchGet DEDUPE#<key> claims"],
  ["a scheduler lease", "scheduler", "Get / conditional Put LEASE#<name> (TTL attribute expiresAtEpoch)"],
  ["files of a task", "files", "Query byTask pk=TASK#<id>"],
  [
    "artifacts by task / bundle / job / file / status / type",
    "artifacts",
    "Query byTask / byBundle / byJob / byFile; byStatus / byType per month",
  ],
  ["artifacts of a bundle's tasks", "artifacts", "Query byTask pk=TASK#<id> per task, 50 at a time"],
  ["assistant jobs by task / bundle / status", "assistantJobs", "Query byTask / byBundle / byStatus (per month)"],
  ["audit trail of an entity", "auditEvents", "Query pk=AUDIT#<type>#<id>, sk = auditEventId"],
  [
    "every record of an entity by ID (export)",
    "all",
    "Query byId pk=ID#<entity>#<first 4 ID chars> per registered bucket",
  ],
] as const;
