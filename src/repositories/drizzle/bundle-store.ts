import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { auditEvents, bundles, notifications, taskEvents, tasks } from "../../db/schema.js";
import type { Bundle } from "../../domain/bundle.js";
import type { BundleStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { type InsertGroup, insertAllStatement, ONE_STATEMENT_PARAMS, paramCount } from "./raw-writes.js";
import { recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { holdUnchanged } from "./unchanged-guard.js";
import { insertAudit, insertRecords, updateVersioned } from "./versioned-write.js";

export function bundleStore(db: Db): BundleStore {
  const base = recordStore<Bundle>(db, SPECS.bundle);
  return {
    get: base.get,
    update: base.update,
    updateNotifying: (next, expectedVersion, audit, raised) =>
      translated(() =>
        db.transaction(async (tx) => {
          await holdUnchanged(tx, [{ entity: "bundle", id: next.bundleId }], undefined);
          const saved = await updateVersioned(tx, SPECS.bundle, next, expectedVersion);
          await insertRecords(tx, notifications, raised);
          await insertAudit(tx, audit);
          return saved;
        }),
      ),
    createWithTasks: (input) =>
      translated(async () => {
        const groups: InsertGroup[] = [
          [bundles, [input.bundle]],
          [tasks, input.tasks],
          [taskEvents, input.taskEvents],
          [auditEvents, input.audit],
        ];
        // A bundle of usual size is one statement (one round trip, no BEGIN/COMMIT); a large one a transaction.
        if (paramCount(groups) <= ONE_STATEMENT_PARAMS) await db.execute(insertAllStatement(groups));
        else
          await db.transaction(async (tx) => {
            for (const [table, records] of groups) await insertRecords(tx, table, records);
          });
        return input.bundle;
      }),
    getByIdempotencyKey: pointRead<Bundle>(db, bundles, bundles.idempotencyKey),
    list(filter, page) {
      const where =
        filter.status !== undefined
          ? eq(bundles.status, filter.status)
          : filter.stage !== undefined
            ? eq(bundles.stage, filter.stage)
            : filter.workflowId !== undefined
              ? eq(bundles.workflowId, filter.workflowId)
              : undefined;
      return keysetPage<Bundle>(db, SPECS.bundle, where, ["bundleId"], page);
    },
  };
}
