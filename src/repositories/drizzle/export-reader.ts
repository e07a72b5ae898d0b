import type { Db } from "../../db/client.js";
import type { PortableEntity } from "../../domain/export-names.js";
import { EXPORT_PAGE_LIMIT } from "../pagination.js";
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
        const spec = TABLES[entity];
        let written = 0;
        // 500 rows a statement keeps well under Postgres's 65,535 bind parameters.
        for (let start = 0; start < records.length; start += 500) {
          const rows = records.slice(start, start + 500).map((record) => toRow(spec.table, record));
          const inserted = await db
            .insert(spec.table)
            .values(rows as never)
            .onConflictDoNothing({ target: column(spec, spec.idField) })
            .returning({ id: column(spec, spec.idField) });
          written += inserted.length;
        }
        return { written, existing: records.length - written };
      }),
  };
}

/** Keyset over each table's primary key. */
export function exportReader(db: Db): ExportReader {
  return {
    list: (entity, page) => {
      const spec = TABLES[entity];
      return keysetPage<Record<string, unknown>>(db, spec, undefined, [spec.idField], page, "asc", EXPORT_PAGE_LIMIT);
    },
  };
}
