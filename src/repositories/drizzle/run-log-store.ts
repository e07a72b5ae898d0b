import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { runLogs } from "../../db/schema.js";
import { atLeast, RUN_LOG_LEVELS, type RunLogEntry } from "../../domain/run-log.js";
import type { RunLogStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { purgeExpiredRows } from "./purge-expired.js";
import { SPECS } from "./table-specs.js";

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
    /** Oldest expiry first on run_logs_expires_at_idx (see purgeExpiredRows). */
    purgeExpired: purgeExpiredRows(db, runLogs, runLogs.runLogId, runLogs.expiresAt),
  };
}
