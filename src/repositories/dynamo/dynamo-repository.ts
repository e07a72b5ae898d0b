import type { Repository } from "../repository.js";
import { artifactStore, assistantJobStore } from "./artifact-stores.js";
import { bundleStore } from "./bundle-store.js";
import type { DynamoContext } from "./dynamo-context.js";
import { getRecord } from "./entity-writes.js";
import { eventStore } from "./event-store.js";
import { exportReader } from "./export-reader.js";
import { importWriter } from "./import-writer.js";
import { keys } from "./key-model.js";
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

/** The repository over DynamoDB: same interface, same behaviour as the Drizzle one (the contract suite proves it). */
export function createDynamoRepository(ctx: DynamoContext): Repository {
  return {
    users: userStore(ctx),
    apiTokens: apiTokenStore(ctx),
    sessions: sessionStore(ctx),
    workflowVersions: workflowVersionStore(ctx),
    bundles: bundleStore(ctx),
    tasks: taskStore(ctx),
    runs: runStore(ctx),
    runLogs: runLogStore(ctx),
    events: eventStore(ctx),
    recurringConfigs: recurringConfigStore(ctx),
    notifications: notificationStore(ctx),
    schedulerLeases: schedulerLeaseStore(ctx),
    files: fileStore(ctx),
    artifacts: artifactStore(ctx),
    assistantJobs: assistantJobStore(ctx),
    auditEvents: auditEventStore(ctx),
    exports: exportReader(ctx),
    imports: importWriter(ctx),
    // A read of a key that never exists: cheap, and it fails when the table or the service is gone.
    ping: async () => {
      await getRecord(ctx, "users", keys.user("readiness-probe"));
    },
    close: async () => {
      ctx.doc.destroy();
      ctx.client.destroy();
    },
  };
}
