import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { runLogs } from "../../db/schema.js";
import { atLeast, RUN_LOG_LEVELS, type RunLogEntry } from "../../domain/run-log.js";
import type { RunLogStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { rowsOf } from "./record-literals.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";

/** Entries are written by runs.apply (run-store.ts), in the transition's own transaction. */
export function runLogStore(db: Db): RunLogStore {
  return {
    listByBundle(bundleId, filter, page) {
      const { level, stepId } = filter;
      const levels = level ? RUN_LOG_LEVELS.filter((l) => atLeast(l, level)) : [];
      const where = and(
        eq(runLogs.bundleId, bundleId),
        level && level !== "debug" ? inArray(runLogs.level, levels) : undefined,
        stepId !== undefined ? eq(runLogs.stepId, stepId) : undefined,
      );
      return keysetPage<RunLogEntry>(db, SPECS.runLog, where, ["runLogId"], page);
    },
    /**
     * Oldest expiry first on run_logs_expires_at_idx; rows another purge holds are skipped rather
     * than waited for, so two collectors never delete (or count) the same entry.
     */
    purgeExpired: (now, limit) =>
      translated(async () => {
        if (limit < 1) return 0;
        const [deleted] = await rowsOf<{ count: number }>(
          db,
          sql`with doomed as (
            select ${runLogs.runLogId} as id from ${runLogs}
            where ${runLogs.expiresAt} <= ${now}::timestamptz
            order by ${runLogs.expiresAt}, ${runLogs.runLogId}
            limit ${limit}
            for update skip locked
          ), deleted as (
            delete from ${runLogs} where ${runLogs.runLogId} in (select id from doomed) returning 1
          ) select count(*)::int as count from deleted`,
        );
        return Number(deleted?.count ?? 0);
      }),
  };
}
