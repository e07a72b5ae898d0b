import type { DatabaseHandle, Db } from "../db/client.js";
import { setAsideConstraints } from "../repositories/drizzle/bulk-load-constraints.js";
import { createDrizzleRepository } from "../repositories/drizzle/drizzle-repository.js";
import type { Repository } from "../repositories/repository.js";
import { copyStore, type MigrationReport } from "../services/copy-store.js";

class RollBack extends Error {}

/**
 * Copies every entity from `source` (the DynamoDB store) into Postgres inside one transaction, where
 * foreign keys enforce every relationship, then compares counts and the canonical export checksum of
 * each entity on both sides. Rolls back unless `commit` is set and everything matched.
 */
export async function migrateDryRun(
  source: Repository,
  target: DatabaseHandle,
  options: { commit: boolean },
): Promise<MigrationReport> {
  let report: MigrationReport = { passed: false, committed: false, entities: [] };
  try {
    await target.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      const inTx = createDrizzleRepository({ kind: target.kind, db, close: async () => undefined });
      try {
        report = await copyStore(source, inTx, {
          commit: options.commit,
          setAsideConstraints: () => setAsideConstraints(db),
        });
      } finally {
        await inTx.close(); // stops the export render thread; the connection is the transaction's
      }
      if (!report.committed) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack))
      report = {
        ...report,
        passed: false,
        committed: false,
        error: error instanceof Error ? error.message : String(error),
      };
  }
  return report;
}
