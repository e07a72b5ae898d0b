import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client.js";
import type { Repository } from "../repository.js";
import { artifactStore, assistantJobStore } from "./artifact-stores.js";
import { bundleStore } from "./bundle-store.js";
import { eventStore } from "./event-store.js";
import { exportReader } from "./export-reader.js";
import { importWriter } from "./import-writer.js";
import { LineRenderThread } from "./line-render-thread.js";
import { runLogStore } from "./run-log-store.js";
import { runStore } from "./run-store.js";
import {
  auditEventStore,
  fileStore,
  notificationStore,
  recurringConfigStore,
  schedulerLeaseStore,
} from "./supporting-stores.js";
import { taskStore } from "./task-store.js";
import { apiTokenStore, sessionStore, userStore } from "./user-stores.js";
import { workflowVersionStore } from "./workflow-version-store.js";

/** The repository over Drizzle: the same code serves PGlite and Postgres. */
export function createDrizzleRepository(handle: DatabaseHandle): Repository {
  const { db } = handle;
  const renderThread = new LineRenderThread();
  return {
    users: userStore(db),
    apiTokens: apiTokenStore(db),
    sessions: sessionStore(db),
    workflowVersions: workflowVersionStore(db),
    bundles: bundleStore(db),
    tasks: taskStore(db),
    runs: runStore(db),
    runLogs: runLogStore(db),
    events: eventStore(db),
    recurringConfigs: recurringConfigStore(db),
    notifications: notificationStore(db),
    schedulerLeases: schedulerLeaseStore(db),
    files: fileStore(db),
    artifacts: artifactStore(db),
    assistantJobs: assistantJobStore(db),
    auditEvents: auditEventStore(db),
    exports: exportReader(db, renderThread),
    imports: importWriter(db),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await renderThread.close();
      await handle.close();
    },
  };
}
