import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/** Which table holds an entity, the entity's name for errors, and its ID field. */
export type TableSpec = { table: PgTable; entityType: string; idField: string };

export function column(spec: TableSpec, field: string): PgColumn {
  const found = getTableColumns(spec.table)[field];
  if (!found) throw new Error(`${spec.entityType} has no column ${field}`);
  return found;
}

/** Domain record -> row: absent optionals become NULL, ISO timestamps become Dates. */
export function toRow(table: PgTable, record: object): Record<string, unknown> {
  const values = record as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const value = values[key];
    if (value === undefined) row[key] = null;
    else if (col.columnType === "PgTimestamp" && typeof value === "string") row[key] = new Date(value);
    else row[key] = value;
  }
  return row;
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
