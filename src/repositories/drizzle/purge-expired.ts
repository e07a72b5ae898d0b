import { sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { rowsOf } from "./record-literals.js";
import { translated } from "./translate-error.js";

/**
 * Deletes up to `limit` rows of `table` whose `expiresAt` is at or before `now`, oldest expiry first
 * (an index on (expiresAt, id) serves it), and returns how many. Rows another purge holds are skipped
 * rather than waited for, so two collectors never delete (or count) the same row.
 */
export function purgeExpiredRows(db: Db, table: PgTable, id: PgColumn, expiresAt: PgColumn) {
  return (now: string, limit: number): Promise<number> =>
    translated(async () => {
      if (limit < 1) return 0;
      const [deleted] = await rowsOf<{ count: number }>(
        db,
        sql`with doomed as (
          select ${id} as id from ${table}
          where ${expiresAt} <= ${now}::timestamptz
          order by ${expiresAt}, ${id}
          limit ${limit}
          for update skip locked
        ), deleted as (
          delete from ${table} where ${id} in (select id from doomed) returning 1
        ) select count(*)::int as count from deleted`,
      );
      return Number(deleted?.count ?? 0);
    });
}
