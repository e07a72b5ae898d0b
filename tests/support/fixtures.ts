import { randomBytes } from "node:crypto";
import type { Artifact } from "../../src/domain/artifact.js";
import type { AssistantJob } from "../../src/domain/assistant-job.js";
import type { AuditEvent } from "../../src/domain/audit-event.js";
import type { Bundle } from "../../src/domain/bundle.js";
import type { FileRecord } from "../../src/domain/file-record.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { Notification } from "../../src/domain/notification.js";
import type { RecurringConfig } from "../../src/domain/recurring-config.js";
import type { Session } from "../../src/domain/session.js";
import type { Task, TaskEvent } from "../../src/domain/task.js";
import type { ApiToken, User } from "../../src/domain/user.js";
import type { WorkflowEvent } from "../../src/domain/workflow-event.js";
import type { WorkflowVersion } from "../../src/domain/workflow-version.js";
import type { RunWrite } from "../../src/repositories/repository.js";

/** Builders for every entity; `full` variants set every optional field so round trips see them all. */
export const ids = createIdGenerator();
export const T0 = "2026-03-02T09:00:00.000Z";
export const T1 = "2026-03-02T09:30:15.123Z";
const sha = (c: string) => `sha256:${c.repeat(64)}`;

export function audit(
  entityType: AuditEvent["entityType"],
  entityId: string,
  over: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    auditEventId: ids.next("auditEvent"),
    entityType,
    entityId,
    action: `${entityType}.created`,
    createdAt: T0,
    ...over,
  };
}

export function user(over: Partial<User> = {}): User {
  const userId = ids.next("user");
  return {
    userId,
    name: "Ada Host",
    email: `${userId}@example.com`,
    role: "operator",
    disabled: false,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function apiToken(userId: string, over: Partial<ApiToken> = {}): ApiToken {
  return {
    tokenId: ids.next("apiToken"),
    userId,
    name: "laptop",
    tokenHash: `sha256:${randomBytes(32).toString("hex")}`,
    expiresAt: "2027-01-01T00:00:00.000Z",
    revokedAt: T1,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function session(userId: string, over: Partial<Session> = {}): Session {
  return {
    sessionId: ids.next("session"),
    userId,
    sessionHash: `sha256:${randomBytes(32).toString("hex")}`,
    expiresAt: "2027-01-01T00:00:00.000Z",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function workflowVersionCandidate(workflowId: string, hashChar = "a"): Omit<WorkflowVersion, "version"> {
  return {
    workflowVersionId: ids.next("workflowVersion"),
    workflowId,
    contentHash: sha(hashChar),
    sourcePath: `content/workflows/${workflowId}.yaml`,
    definition: {
      workflowId,
      name: "Test workflow",
      description: "",
      type: "test",
      stages: ["preparation", "done"],
      phases: [],
      tags: [],
      sourceDocIds: [],
      references: [],
      requiredLinks: [],
      trigger: { type: "manual" },
      tasks: [
        {
          refId: "only",
          description: "Only task",
          offsetDays: 0,
          isMilestone: false,
          tags: [],
          sourceDocIds: [],
          requiresFile: false,
        },
      ],
    },
    createdAt: T0,
  };
}

export function bundle(over: Partial<Bundle> = {}): Bundle {
  return {
    bundleId: ids.next("bundle"),
    title: "Episode 12",
    anchorDate: "2026-04-10",
    stages: ["preparation", "announced", "done"],
    stage: "preparation",
    status: "active",
    references: [],
    links: [],
    tags: [],
    taskCount: 0,
    openTaskCount: 0,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function fullBundle(userId: string, workflowVersionId: string, over: Partial<Bundle> = {}): Bundle {
  return bundle({
    workflowId: "wf-test",
    workflowVersionId,
    description: "With every field",
    stageBeforeCompletion: "announced",
    references: [{ name: "Studio", url: "https://studio.example.com/a?b=1" }],
    links: [
      { name: "Episode doc", url: "", required: true },
      { name: "Page", url: "https://example.com/p", required: false },
    ],
    tags: ["podcast", "s2"],
    taskCount: 2,
    openTaskCount: 1,
    completedAt: T1,
    completedBy: userId,
    idempotencyKey: ids.next("bundle"),
    requestHash: sha("b"),
    createdBy: userId,
    ...over,
  });
}

/** A bundle running a graph workflow, with every run field but `error` set. */
export function runBundle(over: Partial<Bundle> = {}): Bundle {
  return bundle({
    runStatus: "running",
    input: { amount: 1200, customer: { name: 'ünïcödé "quoted"', tags: ["a", "b"] }, zeta: null },
    variables: { approved: false, count: 0, nested: { b: 1, a: [1.5, "x"] } },
    correlationId: `order-${ids.next("bundle").slice(-8)}`,
    runWakeAt: T1,
    triggerType: "event",
    triggerEventId: eventId(),
    logSummary: { entries: 3, warnings: 1, errors: 0, firstAt: T0, lastAt: T1 },
    ...over,
  });
}

/** A fresh sender's event ID (no `_`: event IDs are letters, digits and `._:-`). */
export const eventId = () => `evt-${ids.next("bundle").slice(4)}`;

export function workflowEvent(over: Partial<WorkflowEvent> = {}): WorkflowEvent {
  return {
    eventId: eventId(),
    type: "podcast.recording.uploaded",
    source: "studio",
    time: T0,
    data: { episode: 12 },
    origin: "api",
    contentHash: sha("e"),
    runs: [],
    createdAt: T0,
    ...over,
  };
}

export function task(over: Partial<Task> = {}): Task {
  return {
    taskId: ids.next("task"),
    taskOrder: 0,
    description: "Do the thing",
    date: "2026-04-10",
    status: "todo",
    isMilestone: false,
    requiresFile: false,
    systems: [],
    sourceDocIds: [],
    tags: [],
    source: "manual",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function fullTask(
  refs: { userId: string; bundleId: string; workflowVersionId: string; recurringConfigId: string },
  over: Partial<Task> = {},
): Task {
  return task({
    bundleId: refs.bundleId,
    workflowId: "wf-test",
    workflowVersionId: refs.workflowVersionId,
    templateTaskRef: "record",
    taskOrder: 3,
    description: "Record the episode",
    date: "2026-02-28",
    assigneeId: refs.userId,
    status: "waiting",
    isMilestone: true,
    stageOnComplete: "announced",
    waitingFor: "Guest confirmation",
    followUpAt: T1,
    followUpChannel: "email",
    completedAt: T1,
    completedBy: refs.userId,
    link: "https://example.com/rec",
    comment: 'ünïcödé "quoted" comment',
    externalStatus: "live",
    requiredLinkName: "Recording link",
    requiresFile: true,
    proofRequirement: { type: "url", label: "Recording link", required: true },
    instructionDocId: "podcast-production",
    instructionStepId: "recording",
    phase: "production",
    systems: ["studio", "calendar"],
    validation: { requiredBundleLinks: ["Episode doc"], checklist: ["Both tracks saved"] },
    instructionsUrl: "https://wiki.example.com/x",
    sourceDocIds: ["podcast-production"],
    tags: ["audio"],
    source: "recurring",
    recurringConfigId: refs.recurringConfigId,
    createdBy: refs.userId,
    ...over,
  });
}

export function taskEvent(taskId: string, over: Partial<TaskEvent> = {}): TaskEvent {
  return { taskEventId: ids.next("taskEvent"), taskId, kind: "created", createdAt: T0, ...over };
}

export function recurringConfig(over: Partial<RecurringConfig> = {}): RecurringConfig {
  return {
    recurringConfigId: ids.next("recurringConfig"),
    title: "Weekly newsletter",
    taskDescription: "Draft the weekly newsletter",
    tags: [],
    cron: "0 8 * * 4",
    timeZone: "UTC",
    leadDays: 5,
    enabled: true,
    nextRunAt: T0,
    runCount: 0,
    skippedCount: 0,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function notification(over: Partial<Notification> = {}): Notification {
  const notificationId = ids.next("notification");
  return {
    notificationId,
    type: "task-due",
    message: "Task due today",
    dueAt: T0,
    dedupeKey: `task-due:${notificationId}`,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function fileRecord(taskId: string, over: Partial<FileRecord> = {}): FileRecord {
  const fileId = ids.next("file");
  return {
    fileId,
    taskId,
    filename: "master.wav",
    contentType: "audio/wav",
    sizeBytes: 5_368_709_121, // above 2^32: every store must keep sizes larger than int4
    checksum: sha("c"),
    storageProvider: "s3",
    storageUri: `s3://work-engine-artifacts/files/${fileId}`,
    createdAt: T0,
    ...over,
  };
}

export function artifact(over: Partial<Artifact> = {}): Artifact {
  return {
    artifactId: ids.next("artifact"),
    type: "external-link",
    title: "Episode page",
    status: "draft",
    storageProvider: "external-url",
    storageUri: "https://example.com/episode-12",
    dataClass: "public",
    sourceType: "manual-link",
    tags: [],
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function assistantJob(over: Partial<AssistantJob> = {}): AssistantJob {
  return {
    assistantJobId: ids.next("assistantJob"),
    assistantType: "transcriber",
    title: "Transcribe episode 12",
    status: "draft",
    inputRefs: [],
    outputArtifactIds: [],
    approvalRequired: false,
    attemptCount: 0,
    maxAttempts: 3,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

/** A run transition of `bundle` (as read) to `next`, writing nothing else unless `parts` says. */
export function runWrite(bundle: Bundle, next: Bundle, parts: Partial<Omit<RunWrite, "bundle">> = {}): RunWrite {
  return {
    bundle: { next, expectedVersion: bundle.version },
    createSteps: [],
    updateSteps: [],
    createTasks: [],
    updateTasks: [],
    taskEvents: [],
    notifications: [],
    audit: [audit("bundle", bundle.bundleId, { action: "bundle.run-advanced" })],
    logs: [],
    ...parts,
  };
}

export { fullStepExecution, runLogEntry, stepExecution } from "./step-fixtures.js";
