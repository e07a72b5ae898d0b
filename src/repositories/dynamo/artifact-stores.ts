import type { Artifact } from "../../domain/artifact.js";
import type { AssistantJob } from "../../domain/assistant-job.js";
import { ARTIFACT_TASKS_MAX, type ArtifactFilter, type ArtifactStore, type AssistantJobStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { artifactCodec, assistantJobCodec } from "./entity-codecs.js";
import { addAudit, addCreate, addReplace } from "./entity-writes.js";
import { keys, partitions, REGISTRIES } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { type Partition, queryPage } from "./query-pages.js";
import { recordStore } from "./record-store.js";
import { WriteBatch } from "./transaction.js";

/** The first given field picks the index; the rest are checked on each item of the page. */
async function artifactScope(ctx: DynamoContext, filter: ArtifactFilter): Promise<Partition[]> {
  const one = (index: string, value: string) => [{ table: "artifacts" as const, index, value }];
  const byMonth = (index: string, value: (month: string) => string) =>
    monthPartitions(ctx, "artifacts", REGISTRIES.artifactMonths, (month) => ({ index, value: value(month) }));
  if (filter.taskId) return one("byTask", partitions.ofTask(filter.taskId));
  if (filter.bundleId) return one("byBundle", partitions.ofBundle(filter.bundleId));
  if (filter.assistantJobId) return one("byJob", partitions.ofJob(filter.assistantJobId));
  if (filter.fileId) return one("byFile", partitions.ofFile(filter.fileId));
  if (filter.status) return byMonth("byStatus", (month) => partitions.byStatus(filter.status as string, month));
  if (filter.type) return byMonth("byType", (month) => partitions.byType(filter.type as string, month));
  return [];
}

export function artifactStore(ctx: DynamoContext): ArtifactStore {
  return {
    ...recordStore<Artifact>(ctx, artifactCodec, keys.artifact),
    async list(filter, page) {
      const wanted = Object.entries(filter).filter(([, v]) => v !== undefined);
      const matches = async (items: Artifact[]) =>
        items.map((item) => wanted.every(([field, value]) => (item as Record<string, unknown>)[field] === value));
      return queryPage<Artifact>(ctx, await artifactScope(ctx, filter), page, matches);
    },
    async listForTasks(taskIds, limit) {
      const given = [...new Set(taskIds)].sort();
      const ids = given.slice(0, ARTIFACT_TASKS_MAX);
      const each = Math.min(limit, 1000);
      const pages: Artifact[][] = [];
      // Each task is its own byTask partition: a few queries at a time, kept in taskId order.
      for (let i = 0; i < ids.length; i += TASK_QUERIES_AT_ONCE) {
        const chunk = ids.slice(i, i + TASK_QUERIES_AT_ONCE);
        const found = await Promise.all(
          chunk.map((id) =>
            queryPage<Artifact>(
              ctx,
              [{ table: "artifacts", index: "byTask", value: partitions.ofTask(id) }],
              { limit: each + 1 },
              undefined,
              1001,
            ),
          ),
        );
        pages.push(...found.map((p) => p.items));
        if (pages.flat().length > each) break;
      }
      const all = pages.flat();
      return { items: all.slice(0, each), truncated: all.length > each || given.length > ids.length };
    },
  };
}

const TASK_QUERIES_AT_ONCE = 50;

export function assistantJobStore(ctx: DynamoContext): AssistantJobStore {
  return {
    ...recordStore<AssistantJob>(ctx, assistantJobCodec, keys.assistantJob),
    async saveWithArtifacts(input) {
      const batch = new WriteBatch(ctx);
      addReplace(batch, assistantJobCodec, input.job.next, input.job.expectedVersion);
      const jobId = new Set([input.job.next.assistantJobId]);
      for (const artifact of input.newArtifacts) addCreate(batch, artifactCodec, artifact, jobId);
      for (const write of input.artifacts) addReplace(batch, artifactCodec, write.next, write.expectedVersion);
      addAudit(batch, input.audit);
      await batch.commit();
      return input.job.next;
    },
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
