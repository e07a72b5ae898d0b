import type { Db } from "../../db/client.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { ExportReader, ImportWriter } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { column, type TableSpec, toRow } from "./row-mapping.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";

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

/** Plain inserts that skip a record whose primary key exists; other unique values still conflict. */
export function importWriter(db: Db): ImportWriter {
  return {
    putIfAbsent: (entity, records) =>
      translated(async () => {
        if (records.length === 0) return { written: 0, existing: 0 };
        const spec = TABLES[entity];
        const rows = records.map((record) => toRow(spec.table, record));
        const inserted = await db
          .insert(spec.table)
          .values(rows as never)
          .onConflictDoNothing({ target: column(spec, spec.idField) })
          .returning({ id: column(spec, spec.idField) });
        return { written: inserted.length, existing: records.length - inserted.length };
      }),
  };
}

/** Keyset over each table's primary key. */
export function exportReader(db: Db): ExportReader {
  return {
    list: (entity, page) => {
      const spec = TABLES[entity];
      return keysetPage<Record<string, unknown>>(db, spec, undefined, [spec.idField], page);
    },
  };
}
