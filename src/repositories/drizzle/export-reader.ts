import type { Db } from "../../db/client.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { ExportReader } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import type { TableSpec } from "./row-mapping.js";
import { SPECS } from "./table-specs.js";

const TABLES: Record<PortableEntity, TableSpec> = {
  users: SPECS.user,
  workflow_versions: SPECS.workflowVersion,
  bundles: SPECS.bundle,
  tasks: SPECS.task,
  task_events: SPECS.taskEvent,
  recurring_configs: SPECS.recurringConfig,
  notifications: SPECS.notification,
  files: SPECS.file,
  artifacts: SPECS.artifact,
  assistant_jobs: SPECS.assistantJob,
  audit_events: SPECS.auditEvent,
};

/** Keyset over each table's primary key. */
export function exportReader(db: Db): ExportReader {
  return {
    list: (entity, page) => {
      const spec = TABLES[entity];
      return keysetPage<Record<string, unknown>>(db, spec, undefined, [spec.idField], page);
    },
  };
}
