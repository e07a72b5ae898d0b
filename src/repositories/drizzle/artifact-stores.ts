import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { artifacts, assistantJobs } from "../../db/schema.js";
import type { Artifact } from "../../domain/artifact.js";
import type { AssistantJob } from "../../domain/assistant-job.js";
import type { ArtifactStore, AssistantJobStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";

export function artifactStore(db: Db): ArtifactStore {
  return {
    ...recordStore<Artifact>(db, SPECS.artifact),
    list(filter, page) {
      const where =
        "taskId" in filter
          ? eq(artifacts.taskId, filter.taskId)
          : "bundleId" in filter
            ? eq(artifacts.bundleId, filter.bundleId)
            : "assistantJobId" in filter
              ? eq(artifacts.assistantJobId, filter.assistantJobId)
              : eq(artifacts.status, filter.status);
      return keysetPage<Artifact>(db, SPECS.artifact, where, ["artifactId"], page);
    },
  };
}

export function assistantJobStore(db: Db): AssistantJobStore {
  return {
    ...recordStore<AssistantJob>(db, SPECS.assistantJob),
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
