import type { PortableEntity } from "./export-names.js";

/**
 * Every relationship of the portable format: field (snake_case) -> the entity its ID must resolve to.
 * It mirrors the foreign keys of src/db/schema.ts, which the migration dry run enforces in Postgres,
 * plus a task's step_execution_id: a step and its task name each other, so only the step's side can
 * be a foreign key, and a step is never deleted without its bundle's tasks.
 */
export const PORTABLE_REFERENCES: Partial<Record<PortableEntity, Record<string, PortableEntity>>> = {
  bundles: { workflow_version_id: "workflow_versions", completed_by: "users", created_by: "users" },
  tasks: {
    bundle_id: "bundles",
    workflow_version_id: "workflow_versions",
    assignee_id: "users",
    completed_by: "users",
    created_by: "users",
    recurring_config_id: "recurring_configs",
    step_execution_id: "step_executions",
  },
  task_events: { task_id: "tasks", bundle_id: "bundles", actor_id: "users" },
  step_executions: { bundle_id: "bundles", task_id: "tasks" },
  recurring_configs: { assignee_id: "users" },
  notifications: {
    user_id: "users",
    task_id: "tasks",
    bundle_id: "bundles",
    recurring_config_id: "recurring_configs",
    dismissed_by: "users",
  },
  files: { task_id: "tasks", bundle_id: "bundles", uploaded_by: "users" },
  artifacts: {
    task_id: "tasks",
    bundle_id: "bundles",
    assistant_job_id: "assistant_jobs",
    file_id: "files",
    created_by: "users",
    reviewed_by: "users",
  },
  assistant_jobs: { task_id: "tasks", bundle_id: "bundles", requested_by: "users" },
  audit_events: { actor_id: "users" },
};
