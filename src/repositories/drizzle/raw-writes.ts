import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type RecordPlan, recordPlanOf } from "./record-literals.js";

/**
 * Inserts and versioned updates as SQL text built once per table, the values passed as parameters:
 * Drizzle's builder spent longer on a 37-column insert or update than Postgres spent running it.
 * Values go as the domain holds them (ISO timestamps, to the millisecond, dates, numbers, booleans,
 * text); jsonb columns as their JSON text, so a string array is never read as a Postgres array.
 */
type Shape = { columns: string; placeholders: (offset: number) => string[]; toParams: (record: object) => unknown[] };

const shapes = new WeakMap<PgTable, Shape>();
function shapeOf(table: PgTable): Shape {
  let shape = shapes.get(table);
  if (!shape) {
    const plan = recordPlanOf(table);
    const kinds = plan.columns.map((column) => column.columnType);
    shape = {
      columns: plan.columnNames.join(", "),
      placeholders: (offset) => plan.columnNames.map((_, i) => `$${offset + i + 1}`),
      toParams: (record) => {
        const values = record as Record<string, unknown>;
        return plan.fields.map((field, i) => {
          const value = values[field];
          if (value === undefined || value === null) return null;
          if (kinds[i] === "PgJsonb") return JSON.stringify(value);
          // Stored as reads print them, to the millisecond: a microsecond kept in the row but not in a
          // cursor would bring a row back on the next page.
          if (kinds[i] === "PgTimestamp" && typeof value === "string" && value.length !== 24)
            return new Date(value).toISOString();
          return value;
        });
      },
    };
    shapes.set(table, shape);
  }
  return shape;
}

/** `insert into <table> (<every column>) values (...), (...)`: one statement for the rows given. */
export function insertStatement(table: PgTable, records: readonly object[]): SQL {
  const { text, params } = insertText(table, records, 0);
  return statement(text, params);
}

export type InsertGroup = [table: PgTable, records: readonly object[]];

/** Postgres allows 65,535 parameters in a statement; past this, rows go in chunks instead. */
export const ONE_STATEMENT_PARAMS = 5000;

/** How many parameters inserting these groups takes. */
export function paramCount(groups: InsertGroup[]): number {
  return groups.reduce((sum, [table, records]) => sum + recordPlanOf(table).columnNames.length * records.length, 0);
}

/**
 * Several inserts as one statement, each a data-modifying `WITH` clause: one round trip, atomic as
 * any single statement is, foreign keys checked at its end. Groups without records are left out.
 */
export function insertAllStatement(groups: InsertGroup[]): SQL {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const [table, records] of groups) {
    if (records.length === 0) continue;
    const insert = insertText(table, records, params.length);
    clauses.push(`i${clauses.length} as (${insert.text})`);
    params.push(...insert.params);
  }
  return statement(`with ${clauses.join(", ")} select 1`, params);
}

function insertText(table: PgTable, records: readonly object[], offset: number) {
  const plan = recordPlanOf(table);
  const shape = shapeOf(table);
  const width = plan.columnNames.length;
  const rows = records.map((_, r) => `(${shape.placeholders(offset + r * width).join(", ")})`);
  return {
    text: `insert into ${plan.tableName} (${shape.columns}) values ${rows.join(", ")}`,
    params: records.flatMap(shape.toParams),
  };
}

/** `update <table> set <every column> where <id> = $ and version = $ returning <literal>`. */
export function updateStatement(table: PgTable, idField: string, next: object, expectedVersion: number): SQL {
  const plan: RecordPlan = recordPlanOf(table);
  const width = plan.columnNames.length;
  const assignments = shapeOf(table)
    .placeholders(0)
    .map((placeholder, i) => `${plan.columnNames[i]} = ${placeholder}`);
  const idName = plan.columnNames[plan.fields.indexOf(idField)];
  const versionName = plan.columnNames[plan.fields.indexOf("version")];
  const id = (next as Record<string, unknown>)[idField];
  return statement(
    `update ${plan.tableName} set ${assignments.join(", ")} where ${idName} = $${width + 1} and ${versionName} = $${width + 2} returning ${rowLiteral(plan)} as "row"`,
    [...shapeOf(table).toParams(next), id, expectedVersion],
  );
}

/** `row(<every column>)::text` of the table's own columns, as raw text. */
function rowLiteral(plan: RecordPlan): string {
  return `row(${plan.columnNames.map((name) => `${plan.tableName}.${name}`).join(", ")})::text`;
}

/** SQL whose `$n` placeholders are bound to `params`, in order: Drizzle passes them to the driver as they are. */
function statement(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$\d+/);
  return sql(Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray, ...params);
}
