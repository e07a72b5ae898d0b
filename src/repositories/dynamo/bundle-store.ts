import type { Bundle } from "../../domain/bundle.js";
import type { BundleStore, NewBundle } from "../repository.js";
import { type Chunk, chunkWrites, deleteItems, markPending } from "./bundle-chunks.js";
import type { DynamoContext } from "./dynamo-context.js";
import { bundleCodec, notificationCodec, taskCodec, taskEventCodec } from "./entity-codecs.js";
import { addAudit, addCreate, addReplace, getRecord } from "./entity-writes.js";
import { keys, partitions as P, REGISTRIES } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { queryPage } from "./query-pages.js";
import { recordStore } from "./record-store.js";
import { MAX_TRANSACTION_ACTIONS, WriteBatch } from "./transaction.js";

type Part =
  | { kind: "task"; record: NewBundle["tasks"][number] }
  | { kind: "event"; record: NewBundle["taskEvents"][number] };

/**
 * Bundle + tasks in one transaction when they fit (100 actions). Otherwise: a pending marker, the
 * tasks and their events in chunks (invisible: their bundle does not exist yet), and last the bundle
 * with its claim and audit, deleting the marker. Any failure deletes what was written.
 */
async function createWithTasks(ctx: DynamoContext, input: NewBundle): Promise<Bundle> {
  const newIds = new Set([input.bundle.bundleId, ...input.tasks.map((t) => t.taskId)]);
  const addPart = (batch: WriteBatch, part: Part) =>
    part.kind === "task"
      ? addCreate(batch, taskCodec, part.record, newIds)
      : addCreate(batch, taskEventCodec, part.record, newIds);
  const parts: Part[] = [
    ...input.tasks.map((record) => ({ kind: "task" as const, record })),
    ...input.taskEvents.map((record) => ({ kind: "event" as const, record })),
  ];
  const head = () => {
    const batch = new WriteBatch(ctx);
    addCreate(batch, bundleCodec, input.bundle, newIds);
    addAudit(batch, input.audit);
    return batch;
  };
  const whole = head();
  for (const part of parts) addPart(whole, part);
  if (whole.size <= MAX_TRANSACTION_ACTIONS) await whole.commit();
  else await createInChunks(ctx, input, head(), chunkWrites(ctx, parts, addPart));
  ctx.committedBundles.add(input.bundle.bundleId);
  return input.bundle;
}

const keyOfPart = (part: Part) => ({
  table: "tasks" as const,
  key: part.kind === "task" ? taskCodec.key(part.record) : taskEventCodec.key(part.record),
});

async function createInChunks(ctx: DynamoContext, input: NewBundle, head: WriteBatch, chunks: Chunk<Part>[]) {
  const { bundleId } = input.bundle;
  const written: Part[] = [];
  await markPending(ctx, bundleId, input.bundle.createdAt);
  try {
    for (const [index, chunk] of chunks.entries()) {
      await ctx.faults.beforeBundleChunk?.(index);
      await chunk.batch.commit();
      written.push(...chunk.members);
    }
    await ctx.faults.beforeBundleChunk?.(chunks.length);
    head.remove("bundles", keys.pendingBundle(bundleId));
    await head.commit();
  } catch (error) {
    // Only what this write committed: a chunk that failed wrote nothing, and its IDs may be someone else's.
    if (!ctx.faults.abandonOnFailure) {
      const leftovers = [...written.map(keyOfPart), { table: "bundles" as const, key: keys.pendingBundle(bundleId) }];
      await deleteItems(ctx, leftovers).catch(() => undefined);
    }
    throw error;
  }
}

export function bundleStore(ctx: DynamoContext): BundleStore {
  const base = recordStore<Bundle>(ctx, bundleCodec, keys.bundle);
  return {
    ...base,
    createWithTasks: (input) => createWithTasks(ctx, input),
    async updateNotifying(next, expectedVersion, audit, notifications) {
      const previous = await getRecord<Bundle>(ctx, "bundles", keys.bundle(next.bundleId));
      const batch = new WriteBatch(ctx);
      addReplace(batch, bundleCodec, next, expectedVersion, previous);
      for (const notification of notifications) addCreate(batch, notificationCodec, notification);
      addAudit(batch, audit);
      await batch.commit();
      return next;
    },
    async getByIdempotencyKey(key) {
      const claim = await getRecord<{ bundleId: string }>(ctx, "bundles", keys.idempotencyClaim(key));
      return claim ? base.get(claim.bundleId) : undefined;
    },
    async list(filter, page) {
      const bucket = (month: string) =>
        filter.status !== undefined
          ? { index: "byStatus", value: P.bundlesByStatus(filter.status, month) }
          : filter.stage !== undefined
            ? { index: "byStage", value: P.bundlesByStage(filter.stage, month) }
            : filter.workflowId !== undefined
              ? { index: "byWorkflow", value: P.bundlesByWorkflow(filter.workflowId, month) }
              : { index: "byMonth", value: P.bundlesByMonth(month) };
      return queryPage<Bundle>(ctx, await monthPartitions(ctx, "bundles", REGISTRIES.bundleMonths, bucket), page);
    },
  };
}
