/**
 * The DynamoDB tables, by logical name: the environment variable that names each in production and
 * the suffix used with DATAOPS_TABLE_PREFIX. infra/template.yaml declares the same set (a test checks).
 */
export const DYNAMO_TABLES = {
  users: { env: "DATAOPS_USERS_TABLE", suffix: "users", resource: "UsersTable" },
  workflowVersions: {
    env: "DATAOPS_WORKFLOW_VERSIONS_TABLE",
    suffix: "workflow-versions",
    resource: "WorkflowVersionsTable",
  },
  bundles: { env: "DATAOPS_BUNDLES_TABLE", suffix: "bundles", resource: "BundlesTable" },
  tasks: { env: "DATAOPS_TASKS_TABLE", suffix: "tasks", resource: "TasksTable" },
  recurringConfigs: {
    env: "DATAOPS_RECURRING_CONFIGS_TABLE",
    suffix: "recurring-configs",
    resource: "RecurringConfigsTable",
  },
  notifications: { env: "DATAOPS_NOTIFICATIONS_TABLE", suffix: "notifications", resource: "NotificationsTable" },
  files: { env: "DATAOPS_FILES_TABLE", suffix: "files", resource: "FilesTable" },
  artifacts: { env: "DATAOPS_ARTIFACTS_TABLE", suffix: "artifacts", resource: "ArtifactsTable" },
  assistantJobs: { env: "DATAOPS_ASSISTANT_JOBS_TABLE", suffix: "assistant-jobs", resource: "AssistantJobsTable" },
  auditEvents: { env: "DATAOPS_AUDIT_EVENTS_TABLE", suffix: "audit-events", resource: "AuditEventsTable" },
  scheduler: { env: "DATAOPS_SCHEDULER_TABLE", suffix: "scheduler", resource: "SchedulerTable" },
} as const;
export type DynamoTable = keyof typeof DYNAMO_TABLES;
export type TableNames = Record<DynamoTable, string>;

/** Used only when NODE_ENV is development or test and neither a name nor a prefix is set. */
export const LOCAL_TABLE_PREFIX = "work-engine-local-";

export function tableNamesWithPrefix(prefix: string): TableNames {
  return Object.fromEntries(
    Object.entries(DYNAMO_TABLES).map(([table, spec]) => [table, `${prefix}${spec.suffix}`]),
  ) as TableNames;
}
