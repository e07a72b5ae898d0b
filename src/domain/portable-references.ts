import type { PortableEntity } from "./export-names.js";

/**
 * Every relationship of the portable format: field (snake_case) -> the entity its ID must resolve to;
 * `runs[].bundleId` is a field of each element of an array (nested keys keep their runtime names).
 * It mirrors the foreign keys of src/db/schema.ts, which the migration dry run enforces in Postgres,
 * plus those no foreign key can hold: a task's step_execution_id (a step and its task name each
 * other, so only the step's side can be a key), a log entry's step_execution_id (a key would cost
 * every entry an index write), and an event's (stored as received: nothing may block or change it).
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
  run_logs: { bundle_id: "bundles", step_execution_id: "step_executions" },
  events: {
    received_by: "users",
    emitted_by: "bundles",
    "runs[].bundleId": "bundles",
    "runs[].workflowVersionId": "workflow_versions",
  },
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

/** The IDs a portable record names at one reference path, each with where it stands (`runs[0].bundleId`). */
export function referencedIds(portable: Record<string, unknown>, path: string): { field: string; id: string }[] {
  const [head = path, nested] = path.split("[].");
  const value = portable[head];
  if (nested === undefined) return typeof value === "string" ? [{ field: head, id: value }] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((element, i) => {
    const id = element && typeof element === "object" ? (element as Record<string, unknown>)[nested] : undefined;
    return typeof id === "string" ? [{ field: `${head}[${i}].${nested}`, id }] : [];
  });
}
