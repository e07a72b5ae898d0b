import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { bundles, taskEvents, tasks } from "../../db/schema.js";
import type { Bundle } from "../../domain/bundle.js";
import type { BundleStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertAudit, insertRecords } from "./versioned-write.js";

export function bundleStore(db: Db): BundleStore {
  const base = recordStore<Bundle>(db, SPECS.bundle);
  return {
    get: base.get,
    update: base.update,
    createWithTasks: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          await insertRecords(tx, bundles, [input.bundle]);
          await insertRecords(tx, tasks, input.tasks);
          await insertRecords(tx, taskEvents, input.taskEvents);
          await insertAudit(tx, input.audit);
          return input.bundle;
        }),
      ),
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
