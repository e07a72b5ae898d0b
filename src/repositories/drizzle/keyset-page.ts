import { and, asc, desc, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { CalendarDate, Timestamp } from "../../domain/dates.js";
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageLimit } from "../pagination.js";
import { LITERAL_SEPARATOR, readRecords, recordPlanOf } from "./record-literals.js";
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
  // The page's rows are chosen first and only then printed as literals (see record-literals.ts), so a
  // plan that filters before it sorts prints no row it then drops; the aggregate keeps their order.
  const plan = recordPlanOf(spec.table);
  const alias = (i: number) => `c${i}`;
  const rows = db
    .select(Object.fromEntries(plan.columns.map((col, i) => [alias(i), sql`${col}`.as(alias(i))])))
    .from(spec.table)
    .where(and(where, after))
    .orderBy(...columns.map((col) => (direction === "asc" ? asc(col) : desc(col))))
    .limit(limit + 1)
    .as("page");
  const ref = (i: number) => sql`${sql.identifier("page")}.${sql.identifier(alias(i))}`;
  const literal = sql`row(${sql.join(
    plan.columns.map((_, i) => ref(i)),
    sql`, `,
  )})::text`;
  const order = columns.map((col) => sql`${ref(plan.columns.indexOf(col))} ${sql.raw(direction)}`);
  const [aggregated] = await db
    .select({
      literals: sql<string | null>`string_agg(${literal}, ${LITERAL_SEPARATOR} order by ${sql.join(order, sql`, `)})`,
    })
    .from(rows);
  const read = readRecords<T>(plan, aggregated?.literals ?? "");
  const items = read.slice(0, limit);
  const last = items.at(-1) as Record<string, string | number> | undefined;
  const nextCursor = read.length > limit && last ? encodeCursor(orderFields.map((field) => last[field])) : null;
  return { items, nextCursor };
}
