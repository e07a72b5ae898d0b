import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/** Which table holds an entity, the entity's name for errors, and its ID field. */
export type TableSpec = { table: PgTable; entityType: string; idField: string };

export function column(spec: TableSpec, field: string): PgColumn {
  const found = getTableColumns(spec.table)[field];
  if (!found) throw new Error(`${spec.entityType} has no column ${field}`);
  return found;
}

/** Row -> domain record: NULLs are left out, Dates become ISO-8601 UTC strings. */
export function fromRow<T>(row: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null) continue;
    record[key] = value instanceof Date ? value.toISOString() : value;
  }
  return record as T;
}
