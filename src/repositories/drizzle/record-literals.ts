import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { booleanOf, isoDate, timestampIso } from "./postgres-text-json.js";
import { RowLiteralReader } from "./row-literal.js";
import type { Executor } from "./versioned-write.js";

/**
 * Reads come back as one text value per page, `string_agg` of `ROW(...)::text` literals, decoded here
 * into domain records: the drivers then decode one field per query instead of one per column and row
 * (PGlite spends about half a microsecond per field), and no Date is built to be printed again.
 */
type Decoder = (text: string) => unknown;

/** Postgres's text output of each Drizzle column type the schema uses -> the domain's value. */
const DECODERS: Record<string, Decoder> = {
  PgText: (text) => text,
  PgInteger: Number,
  PgBigInt53: Number,
  PgBoolean: booleanOf,
  PgDateString: isoDate,
  PgTimestamp: timestampIso,
  PgJsonb: parseStoredJson,
};

/** Stored jsonb that does not parse is the store's fault, never a client's malformed body (a 400). */
function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`stored jsonb is not JSON: ${text.slice(0, 40)}`);
  }
}

export type RecordPlan = {
  /** `ROW(<every column>)::text`, in the table's column order. */
  literal: SQL<string>;
  /** The table's name and each column's, quoted, as the database knows them (snake_case). */
  tableName: string;
  columnNames: string[];
  columns: PgColumn[];
  fields: string[];
  decoders: Decoder[];
};

const plans = new WeakMap<PgTable, RecordPlan>();

/** The table's plan, built once; a column type without a decoder fails here, at the first read. */
export function recordPlanOf(table: PgTable): RecordPlan {
  let plan = plans.get(table);
  if (!plan) {
    const columns = Object.entries(getTableColumns(table));
    const decoders = columns.map(([field, column]) => {
      const decoder = DECODERS[column.columnType];
      if (!decoder) throw new Error(`column ${field} (${column.columnType}) has no decoder for record literals`);
      return decoder;
    });
    plan = {
      literal: sql<string>`row(${sql.join(
        columns.map(([, column]) => column),
        sql`, `,
      )})::text`,
      tableName: quoted(getTableConfig(table).name),
      columnNames: columns.map(([, column]) => quoted(column.keyAsName ? toSnakeCase(column.name) : column.name)),
      columns: columns.map(([, column]) => column),
      fields: columns.map(([field]) => field),
      decoders,
    };
    plans.set(table, plan);
  }
  return plan;
}

/** Our schema's names are plain snake_case; quoting keeps them exact. */
function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
}

/** The separator `string_agg` puts between literals (`E'\\n'`); a literal quotes any newline inside a value. */
export const LITERAL_SEPARATOR = "\n";

/** The rows of a raw statement: both drivers' results carry them as `rows`. */
export async function rowsOf<R>(db: Executor, query: SQL): Promise<R[]> {
  return ((await db.execute(query)) as unknown as { rows: R[] }).rows;
}

/** The one record of a single literal. */
export function readRecord<T>(plan: RecordPlan, literal: string): T {
  const [record, extra] = readRecords<T>(plan, literal);
  if (record === undefined || extra !== undefined) throw new Error("expected exactly one record literal");
  return record;
}

/** Records from literals joined by LITERAL_SEPARATOR; a NULL column is left out, as `fromRow` does. */
export function readRecords<T>(plan: RecordPlan, literals: string): T[] {
  const { fields, decoders } = plan;
  const last = fields.length - 1;
  const records: T[] = [];
  const reader = new RowLiteralReader(literals);
  while (!reader.done) {
    reader.open();
    const record: Record<string, unknown> = {};
    for (let i = 0; i <= last; i++) {
      const text = reader.field(i === last);
      if (text !== null) record[fields[i] as string] = (decoders[i] as Decoder)(text);
    }
    reader.close(LITERAL_SEPARATOR);
    records.push(record as T);
  }
  return records;
}
