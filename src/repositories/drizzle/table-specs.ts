import * as t from "../../db/schema.js";
import type { TableSpec } from "./row-mapping.js";

/** Each entity's table and ID field, named once for the generic helpers. */
export const SPECS = {
  user: { table: t.users, entityType: "user", idField: "userId" },
  apiToken: { table: t.apiTokens, entityType: "apiToken", idField: "tokenId" },
  session: { table: t.sessions, entityType: "session", idField: "sessionId" },
  workflowVersion: { table: t.workflowVersions, entityType: "workflowVersion", idField: "workflowVersionId" },
  bundle: { table: t.bundles, entityType: "bundle", idField: "bundleId" },
  task: { table: t.tasks, entityType: "task", idField: "taskId" },
  taskEvent: { table: t.taskEvents, entityType: "taskEvent", idField: "taskEventId" },
  stepExecution: { table: t.stepExecutions, entityType: "stepExecution", idField: "stepExecutionId" },
  runLog: { table: t.runLogs, entityType: "runLog", idField: "runLogId" },
  event: { table: t.events, entityType: "event", idField: "eventId" },
  recurringConfig: { table: t.recurringConfigs, entityType: "recurringConfig", idField: "recurringConfigId" },
  notification: { table: t.notifications, entityType: "notification", idField: "notificationId" },
  file: { table: t.files, entityType: "file", idField: "fileId" },
  artifact: { table: t.artifacts, entityType: "artifact", idField: "artifactId" },
  assistantJob: { table: t.assistantJobs, entityType: "assistantJob", idField: "assistantJobId" },
  auditEvent: { table: t.auditEvents, entityType: "auditEvent", idField: "auditEventId" },
} as const satisfies Record<string, TableSpec>;
export type SpecName = keyof typeof SPECS;
