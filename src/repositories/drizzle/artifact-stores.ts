import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { artifacts, assistantJobs } from "../../db/schema.js";
import type { Artifact } from "../../domain/artifact.js";
import type { AssistantJob } from "../../domain/assistant-job.js";
import { ARTIFACT_TASKS_MAX, type ArtifactStore, type AssistantJobStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertAudit, insertRecords, updateVersioned } from "./versioned-write.js";

export function artifactStore(db: Db): ArtifactStore {
  return {
    ...recordStore<Artifact>(db, SPECS.artifact),
    list(filter, page) {
      // The leading condition matches an index (artifacts_<field>_idx); the others narrow within it.
      const conditions = [
        filter.taskId !== undefined ? eq(artifacts.taskId, filter.taskId) : undefined,
        filter.bundleId !== undefined ? eq(artifacts.bundleId, filter.bundleId) : undefined,
        filter.assistantJobId !== undefined ? eq(artifacts.assistantJobId, filter.assistantJobId) : undefined,
        filter.fileId !== undefined ? eq(artifacts.fileId, filter.fileId) : undefined,
        filter.status !== undefined ? eq(artifacts.status, filter.status) : undefined,
        filter.type !== undefined ? eq(artifacts.type, filter.type) : undefined,
      ];
      return keysetPage<Artifact>(db, SPECS.artifact, and(...conditions), ["artifactId"], page);
    },
    async listForTasks(taskIds, limit) {
      const all = [...new Set(taskIds)].sort();
      const ids = all.slice(0, ARTIFACT_TASKS_MAX);
      if (ids.length === 0) return { items: [], truncated: false };
      const where = inArray(artifacts.taskId, ids);
      const page = await keysetPage<Artifact>(
        db,
        SPECS.artifact,
        where,
        ["taskId", "artifactId"],
        { limit },
        "asc",
        1000,
      );
      return { items: page.items, truncated: page.nextCursor !== null || all.length > ids.length };
    },
  };
}

export function assistantJobStore(db: Db): AssistantJobStore {
  return {
    ...recordStore<AssistantJob>(db, SPECS.assistantJob),
    saveWithArtifacts: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          const saved = await updateVersioned(tx, SPECS.assistantJob, input.job.next, input.job.expectedVersion);
          await insertRecords(tx, artifacts, input.newArtifacts);
          for (const write of input.artifacts)
            await updateVersioned(tx, SPECS.artifact, write.next, write.expectedVersion);
          await insertAudit(tx, input.audit);
          return saved;
        }),
      ),
    list(filter, page) {
      const where =
        "taskId" in filter
          ? eq(assistantJobs.taskId, filter.taskId)
          : "bundleId" in filter
            ? eq(assistantJobs.bundleId, filter.bundleId)
            : eq(assistantJobs.status, filter.status);
      return keysetPage<AssistantJob>(db, SPECS.assistantJob, where, ["assistantJobId"], page);
    },
  };
}
