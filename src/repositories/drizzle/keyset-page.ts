import { and, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { CalendarDate, Timestamp } from "../../domain/dates.js";
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageLimit } from "../pagination.js";
import { type RecordPlan, readRecords, recordPlanOf, rowsOf } from "./record-literals.js";
import { column, type TableSpec } from "./row-mapping.js";
import type { Executor } from "./versioned-write.js";

type Position = (string | number)[];

/** A cursor position: one value per order column, each of the column's own type, so the query cannot fail on it. */
function isPosition(columns: PgColumn[]) {
  return (value: unknown): value is Position =>
    Array.isArray(value) && value.length === columns.length && value.every((part, i) => fits(columns[i], part));
}

function fits(col: PgColumn | undefined, part: unknown): boolean {
  switch (col?.columnType) {
    case "PgDateString":
    case "PgDate":
      return typeof part === "string" && CalendarDate.safeParse(part).success;
    case "PgTimestamp":
    case "PgTimestampString":
      return typeof part === "string" && Timestamp.safeParse(part).success;
    case "PgInteger":
    case "PgSmallInt":
    case "PgBigInt53":
      return typeof part === "number" && Number.isSafeInteger(part);
    default:
      return typeof part === "string";
  }
}

/**
 * One page of `spec.table` rows matching `where`, ordered by `orderFields` (the last is the ID, so
 * the order is total). The cursor holds the last item's order values: `(a, id) > ($1, $2)` uses the index.
 */
export async function keysetPage<T>(
  db: Executor,
  spec: TableSpec,
  where: SQL | undefined,
  orderFields: string[],
  page: PageRequest,
  direction: "asc" | "desc" = "asc",
  maxLimit?: number,
): Promise<Page<T>> {
  const limit = pageLimit(page.limit, maxLimit);
  const columns = orderFields.map((field) => column(spec, field));
  let after: SQL | undefined;
  if (page.cursor) {
    const position = decodeCursor(page.cursor, isPosition(columns));
    const op = direction === "asc" ? sql`>` : sql`<`;
    after = sql`(${sql.join(columns, sql`, `)}) ${op} (${sql.join(
      position.map((value) => sql`${value}`),
      sql`, `,
    )})`;
  }
  const plan = recordPlanOf(spec.table);
  const [head, order] = pageQuery(plan, orderFields, direction);
  const rows = await rowsOf<{ literals: string | null }>(
    db,
    sql`${head}${conditions(where, after)}${order}${limit + 1}) as "page"`,
  );
  const read = readRecords<T>(plan, rows[0]?.literals ?? "");
  const items = read.slice(0, limit);
  const last = items.at(-1) as Record<string, string | number> | undefined;
  const nextCursor = read.length > limit && last ? encodeCursor(orderFields.map((field) => last[field])) : null;
  return { items, nextCursor };
}

const conditions = (where: SQL | undefined, after: SQL | undefined) => {
  const both = and(where, after);
  return both ? sql` where ${both}` : sql``;
};

/**
 * The page's SQL around its WHERE clause, as two raw pieces built once per (table, order): the rows
 * are chosen first and only then printed as literals (see record-literals.ts), so a plan that
 * filters before it sorts prints no row it then drops, and the aggregate keeps their order. Raw
 * text, because Drizzle spends more building a 37-column select than Postgres spends running it.
 */
const pieces = new Map<string, [SQL, SQL]>();
function pageQuery(plan: RecordPlan, orderFields: string[], direction: "asc" | "desc"): [SQL, SQL] {
  const key = `${plan.tableName}:${orderFields.join(",")}:${direction}`;
  let found = pieces.get(key);
  if (!found) {
    const indexOf = (field: string) => {
      const i = plan.fields.indexOf(field);
      if (i < 0) throw new Error(`${plan.tableName} has no column ${field}`);
      return i;
    };
    const alias = (i: number) => `"c${i}"`;
    const select = plan.columnNames.map((name, i) => `${plan.tableName}.${name} as ${alias(i)}`).join(", ");
    const literal = `row(${plan.columnNames.map((_, i) => `"page".${alias(i)}`).join(", ")})::text`;
    const aggregateOrder = orderFields.map((f) => `"page".${alias(indexOf(f))} ${direction}`).join(", ");
    const tableOrder = orderFields
      .map((f) => `${plan.tableName}.${plan.columnNames[indexOf(f)]} ${direction}`)
      .join(", ");
    found = [
      sql.raw(
        `select string_agg(${literal}, E'\\n' order by ${aggregateOrder}) as "literals" from (select ${select} from ${plan.tableName}`,
      ),
      sql.raw(` order by ${tableOrder} limit `),
    ];
    pieces.set(key, found);
  }
  return found;
}
