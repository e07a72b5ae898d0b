import type { Db } from "../../db/client.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import type { Unchanged } from "../repository.js";
import { pointRead } from "./point-read.js";
import type { TableSpec } from "./row-mapping.js";
import { column } from "./row-mapping.js";
import type { SpecName } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { holdUnchanged } from "./unchanged-guard.js";
import { insertAudit, insertRecords, updateVersioned } from "./versioned-write.js";

/** Inserts one record and its audit event in one transaction, while the `unchanged` records are. */
export function createWithAudit<T extends object>(db: Db, spec: TableSpec) {
  return (record: T, audit: AuditEvent, unchanged?: Unchanged[]): Promise<T> =>
    translated(() =>
      db.transaction(async (tx) => {
        await holdUnchanged(tx, [], unchanged);
        await insertRecords(tx, spec.table, [record]);
        await insertAudit(tx, audit);
        return record;
      }),
    );
}

/** create / get / update for an entity whose writes touch only its own table and the audit log. */
export function recordStore<T extends { version: number }>(db: Db, spec: TableSpec) {
  return {
    create: createWithAudit<T>(db, spec),
    get: pointRead<T>(db, spec.table, column(spec, spec.idField)),
    update: (next: T, expectedVersion: number, audit: AuditEvent, unchanged?: Unchanged[]): Promise<T> =>
      translated(() =>
        db.transaction(async (tx) => {
          const id = String((next as Record<string, unknown>)[spec.idField]);
          await holdUnchanged(tx, [{ entity: spec.entityType as SpecName, id }], unchanged);
          const saved = await updateVersioned(tx, spec, next, expectedVersion);
          await insertAudit(tx, audit);
          return saved;
        }),
      ),
  };
}
