import type { PortableEntity } from "../../domain/export-names.js";
import type { TableSpec } from "./row-mapping.js";
import { SPECS } from "./table-specs.js";

/** The table behind each portable entity: what exports read and imports write. */
export const EXPORT_TABLES: Record<PortableEntity, TableSpec> = {
  users: SPECS.user,
  workflow_versions: SPECS.workflowVersion,
  bundles: SPECS.bundle,
  tasks: SPECS.task,
  task_events: SPECS.taskEvent,
  step_executions: SPECS.stepExecution,
  run_logs: SPECS.runLog,
  events: SPECS.event,
  recurring_configs: SPECS.recurringConfig,
  notifications: SPECS.notification,
  files: SPECS.file,
  artifacts: SPECS.artifact,
  assistant_jobs: SPECS.assistantJob,
  audit_events: SPECS.auditEvent,
};
