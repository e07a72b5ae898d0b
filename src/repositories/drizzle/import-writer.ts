import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { ImportWriter } from "../repository.js";
import { EXPORT_TABLES } from "./export-tables.js";
import type { TableSpec } from "./row-mapping.js";
import { translated } from "./translate-error.js";

/** Rows a statement: one JSON parameter of a few megabytes at most. */
const ROWS_PER_STATEMENT = 2000;

type Plan = { statement: (json: string) => SQL; columns: [field: string, name: string][] };

/**
 * One statement per batch: the rows travel as a single JSON parameter and Postgres turns them into
 * table rows (`json_populate_recordset`), so a batch costs one parameter, not one per value, and no
 * per-value query building. A record's absent optional fields are NULL, as in every other write.
 */
function insertPlan(spec: TableSpec): Plan {
  const table = getTableConfig(spec.table).name;
  const columns = Object.keys(getTableColumns(spec.table)).map((field): [string, string] => [
    field,
    toSnakeCase(field),
  ]);
  const list = sql.raw(columns.map(([, name]) => `"${name}"`).join(", "));
  const id = sql.raw(`"${toSnakeCase(spec.idField)}"`);
  const rowType = sql.raw(`"${table}"`);
  return {
    columns,
    statement: (json) => sql`with written as (
      insert into ${rowType} (${list})
      select ${list} from json_populate_recordset(null::${rowType}, ${json}::json)
      on conflict (${id}) do nothing
      returning 1
    ) select count(*)::int as written from written`,
  };
}

const PLANS = Object.fromEntries(
  (Object.keys(EXPORT_TABLES) as PortableEntity[]).map((entity) => [entity, insertPlan(EXPORT_TABLES[entity])]),
) as Record<PortableEntity, Plan>;

/** Plain inserts that skip a record whose primary key exists; other unique values still conflict. */
export function importWriter(db: Db): ImportWriter {
  return {
    putIfAbsent: (entity, records) =>
      translated(async () => {
        const { statement, columns } = PLANS[entity];
        let written = 0;
        for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
          const rows = records.slice(start, start + ROWS_PER_STATEMENT).map((record) => {
            const row: Record<string, unknown> = {};
            for (const [field, name] of columns) row[name] = record[field] ?? null;
            return row;
          });
          // Both drivers answer `execute` with `{ rows }`.
          const result = (await db.execute(statement(JSON.stringify(rows)))) as unknown as {
            rows: { written: number }[];
          };
          written += Number(result.rows[0]?.written ?? 0);
        }
        return { written, existing: records.length - written };
      }),
  };
}
