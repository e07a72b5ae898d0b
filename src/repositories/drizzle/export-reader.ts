import { asc, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { PORTABLE_ENTITIES, type PortableEntity } from "../../domain/export-names.js";
import { decodeCursor, EXPORT_PAGE_LIMIT, encodeCursor, pageLimit } from "../pagination.js";
import type { ExportLines, ExportReader } from "../repository.js";
import { EXPORT_TABLES } from "./export-tables.js";
import { keysetPage } from "./keyset-page.js";
import type { LineRenderThread } from "./line-render-thread.js";
import { planOf } from "./portable-rows.js";
import { column } from "./row-mapping.js";
import { type RenderedLines, renderRows } from "./row-recipe.js";
import { translated } from "./translate-error.js";

// Built at load, so a schema field without a renderable column fails at start-up, not mid-export.
for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) planOf(entity);

const isIdPosition = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === "string";

/** One page as the database returns it: its row literals in one value, how many, and the last ID. */
type LiteralPage = { literals: string; count: number; lastId: string };
const SEPARATOR = "\n";

/** Keyset over each table's primary key. */
export function exportReader(db: Db, renderThread: LineRenderThread): ExportReader {
  const read = (entity: PortableEntity, afterId: string | undefined, limit: number): Promise<LiteralPage> =>
    translated(async () => {
      const spec = EXPORT_TABLES[entity];
      const id = column(spec, spec.idField);
      // The page comes back as one aggregated value: the driver decodes one field, not one per row.
      const rows = db
        .select({ id: sql<string>`${id}`.as("id"), row: planOf(entity).select.as("row") })
        .from(spec.table)
        .where(afterId === undefined ? undefined : gt(id, afterId))
        .orderBy(asc(id))
        .limit(limit)
        .as("page");
      const [page] = await db
        .select({
          literals: sql<string | null>`string_agg(${rows.row}, ${SEPARATOR} order by ${rows.id})`,
          count: sql<number>`count(*)::int`,
          lastId: sql<string | null>`max(${rows.id})`,
        })
        .from(rows);
      return { literals: page?.literals ?? "", count: page?.count ?? 0, lastId: page?.lastId ?? "" };
    });
  const lines = (rendered: RenderedLines, limit: number): ExportLines => ({
    text: rendered.text,
    count: rendered.count,
    nextCursor: rendered.count === limit ? encodeCursor([rendered.lastId]) : null,
  });
  return {
    list: (entity, page) => {
      const spec = EXPORT_TABLES[entity];
      return keysetPage<Record<string, unknown>>(db, spec, undefined, [spec.idField], page, "asc", EXPORT_PAGE_LIMIT);
    },
    async lines(entity, page) {
      const limit = pageLimit(page.limit, EXPORT_PAGE_LIMIT);
      const afterId = page.cursor ? decodeCursor(page.cursor, isIdPosition)[0] : undefined;
      const { literals } = await read(entity, afterId, limit);
      return lines(renderRows(planOf(entity).recipe, literals, SEPARATOR), limit);
    },
    /**
     * The database reads the next page while the render thread turns this one into lines: the two
     * overlap, and the main thread only moves text.
     */
    async *pages(entity, limit) {
      const checked = pageLimit(limit, EXPORT_PAGE_LIMIT);
      let next: Promise<LiteralPage> | undefined = read(entity, undefined, checked);
      while (next) {
        const page: LiteralPage = await next;
        next = page.count === checked ? read(entity, page.lastId, checked) : undefined;
        next?.catch(() => undefined); // awaited on the next turn; a failed read-ahead must not go unhandled meanwhile
        if (page.count === 0) return;
        yield lines(await renderThread.render(planOf(entity).recipe, page.literals, SEPARATOR), checked);
      }
    },
  };
}
