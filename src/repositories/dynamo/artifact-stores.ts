import type { Artifact } from "../../domain/artifact.js";
import type { AssistantJob } from "../../domain/assistant-job.js";
import type { ArtifactStore, AssistantJobStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { artifactCodec, assistantJobCodec } from "./entity-codecs.js";
import { keys, partitions, REGISTRIES } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { queryPage } from "./query-pages.js";
import { recordStore } from "./record-store.js";

export function artifactStore(ctx: DynamoContext): ArtifactStore {
  return {
    ...recordStore<Artifact>(ctx, artifactCodec, keys.artifact),
    async list(filter, page) {
      const one = (index: string, value: string) => [{ table: "artifacts" as const, index, value }];
      const scope =
        "taskId" in filter
          ? one("byTask", partitions.ofTask(filter.taskId))
          : "bundleId" in filter
            ? one("byBundle", partitions.ofBundle(filter.bundleId))
            : "assistantJobId" in filter
              ? one("byJob", partitions.ofJob(filter.assistantJobId))
              : await monthPartitions(ctx, "artifacts", REGISTRIES.artifactMonths, (month) => ({
                  index: "byStatus",
                  value: partitions.byStatus(filter.status, month),
                }));
      return queryPage<Artifact>(ctx, scope, page);
    },
  };
}

export function assistantJobStore(ctx: DynamoContext): AssistantJobStore {
  return {
    ...recordStore<AssistantJob>(ctx, assistantJobCodec, keys.assistantJob),
    async list(filter, page) {
      const one = (index: string, value: string) => [{ table: "assistantJobs" as const, index, value }];
      const scope =
        "taskId" in filter
          ? one("byTask", partitions.ofTask(filter.taskId))
          : "bundleId" in filter
            ? one("byBundle", partitions.ofBundle(filter.bundleId))
            : await monthPartitions(ctx, "assistantJobs", REGISTRIES.jobMonths, (month) => ({
                index: "byStatus",
                value: partitions.byStatus(filter.status, month),
              }));
      return queryPage<AssistantJob>(ctx, scope, page);
    },
  };
}
