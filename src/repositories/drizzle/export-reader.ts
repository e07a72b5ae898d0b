import { asc, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { PortableEntity } from "../../domain/export-names.js";
import { decodeCursor, EXPORT_PAGE_LIMIT, encodeCursor, pageLimit } from "../pagination.js";
import type { ExportReader } from "../repository.js";
import { EXPORT_TABLES } from "./export-tables.js";
import { keysetPage } from "./keyset-page.js";
import { type PortableRowPlan, portableRowPlan } from "./portable-rows.js";
import { column } from "./row-mapping.js";
import { translated } from "./translate-error.js";

/** Built at load, so a schema field without a renderable column fails at start-up, not mid-export. */
const PLANS = Object.fromEntries(
  (Object.keys(EXPORT_TABLES) as PortableEntity[]).map((entity) => [
    entity,
    portableRowPlan(entity, EXPORT_TABLES[entity]),
  ]),
) as Record<PortableEntity, PortableRowPlan>;

const isIdPosition = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === "string";

/** Keyset over each table's primary key. */
export function exportReader(db: Db): ExportReader {
  return {
    list: (entity, page) => {
      const spec = EXPORT_TABLES[entity];
      return keysetPage<Record<string, unknown>>(db, spec, undefined, [spec.idField], page, "asc", EXPORT_PAGE_LIMIT);
    },
    lines: (entity, page) =>
      translated(async () => {
        const spec = EXPORT_TABLES[entity];
        const plan = PLANS[entity];
        const limit = pageLimit(page.limit, EXPORT_PAGE_LIMIT);
        const id = column(spec, spec.idField);
        const after = page.cursor ? gt(id, decodeCursor(page.cursor, isIdPosition)[0]) : undefined;
        // The page comes back as one aggregated value: the driver decodes one field, not one per row.
        const rows = db
          .select({ id: sql<string>`${id}`.as("id"), row: plan.select.as("row") })
          .from(spec.table)
          .where(after)
          .orderBy(asc(id))
          .limit(limit)
          .as("page");
        const [aggregate] = await db
          .select({ literals: sql<string | null>`string_agg(${rows.row}, E'\\n' order by ${rows.id})` })
          .from(rows);
        if (!aggregate?.literals) return { text: "", count: 0, nextCursor: null };
        const { text, count, lastId } = plan.render(aggregate.literals, "\n");
        return { text, count, nextCursor: count === limit ? encodeCursor([lastId]) : null };
      }),
  };
}
