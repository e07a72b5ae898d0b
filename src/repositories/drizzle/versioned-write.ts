import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { auditEvents } from "../../db/schema.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import { NotFoundError, VersionConflictError } from "../../domain/errors.js";
import { insertStatement, updateStatement } from "./raw-writes.js";
import { readRecord, readRecords, recordPlanOf, rowsOf } from "./record-literals.js";
import { column, type TableSpec } from "./row-mapping.js";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

export async function insertRecords(db: Executor, table: PgTable, records: readonly object[]): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < records.length; start += CHUNK) {
    await db.execute(insertStatement(table, records.slice(start, start + CHUNK)));
  }
}

export async function insertAudit(db: Executor, audit: AuditEvent | AuditEvent[]): Promise<void> {
  await insertRecords(db, auditEvents, Array.isArray(audit) ? audit : [audit]);
}

export async function selectById<T>(db: Executor, spec: TableSpec, id: string): Promise<T | undefined> {
  const plan = recordPlanOf(spec.table);
  const rows = await db
    .select({ row: plan.literal })
    .from(spec.table)
    .where(eq(column(spec, spec.idField), id))
    .limit(1);
  return rows[0] ? readRecords<T>(plan, rows[0].row)[0] : undefined;
}

/** `UPDATE ... WHERE id = $1 AND version = $2 RETURNING *`; tells a missing record from a stale one. */
export async function updateVersioned<T extends { version: number }>(
  db: Executor,
  spec: TableSpec,
  next: T,
  expectedVersion: number,
): Promise<T> {
  if (next.version !== expectedVersion + 1) {
    throw new Error(`${spec.entityType}: next.version must be expectedVersion + 1`);
  }
  const id = String((next as Record<string, unknown>)[spec.idField]);
  const [saved] = await rowsOf<{ row: string }>(db, updateStatement(spec.table, spec.idField, next, expectedVersion));
  if (saved) return readRecord<T>(recordPlanOf(spec.table), saved.row);
  const current = await selectById<T>(db, spec, id);
  if (!current) throw new NotFoundError(spec.entityType, id);
  throw new VersionConflictError(spec.entityType, id, expectedVersion, current);
}
