import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
} from "@aws-sdk/lib-dynamodb";
import type { AuditEvent } from "../../domain/audit-event.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import type { FileRecord } from "../../domain/file-record.js";
import type { Notification } from "../../domain/notification.js";
import type { RecurringConfig } from "../../domain/recurring-config.js";
import { MAX_PAGE_LIMIT } from "../pagination.js";
import type {
  AuditEventStore,
  FileStore,
  NotificationStore,
  RecurringConfigStore,
  SchedulerLeaseStore,
} from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { fileCodec, notificationCodec, recurringConfigCodec } from "./entity-codecs.js";
import { addAudit, addUnchanged, getRecord } from "./entity-writes.js";
import { indexAttributes } from "./item-codec.js";
import { idRegistry, keys, partitions, sortKeys } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { queryPage } from "./query-pages.js";
import { createWithAudit, recordStore } from "./record-store.js";
import { WriteBatch } from "./transaction.js";

/** `~` sorts after every ID character, so `<= <time>#~` includes every item at that time. */
const upTo = (time: string) => ({ atMost: `${time}#~` });

export function recurringConfigStore(ctx: DynamoContext): RecurringConfigStore {
  return {
    ...recordStore<RecurringConfig>(ctx, recurringConfigCodec, keys.recurringConfig),
    list: async (page) =>
      queryPage<RecurringConfig>(
        ctx,
        await monthPartitions(ctx, "recurringConfigs", idRegistry("recurring_configs"), (bucket) => ({
          index: "byId",
          value: partitions.allOf("recurring_configs", bucket),
        })),
        page,
      ),
    async delete(id, expectedVersion, audit) {
      const batch = new WriteBatch(ctx);
      batch.removeVersioned("recurringConfigs", keys.recurringConfig(id), "recurringConfig", id, expectedVersion);
      addAudit(batch, audit);
      await batch.commit();
    },
    listDue: (now, page) =>
      queryPage<RecurringConfig>(
        ctx,
        [{ table: "recurringConfigs", index: "byNextRun", value: partitions.enabledSchedules(), range: upTo(now) }],
        page,
      ),
  };
}

export function notificationStore(ctx: DynamoContext): NotificationStore {
  return {
    ...recordStore<Notification>(ctx, notificationCodec, keys.notification),
    listForUser: (userId, dueBefore, page) =>
      queryPage<Notification>(
        ctx,
        [
          {
            table: "notifications",
            index: "byUser",
            value: partitions.notificationsOf(userId),
            range: upTo(dueBefore),
          },
        ],
        page,
      ),
    listForRecipient: async (userId, dismissed, before, limit) => {
      const page = await queryPage<Notification>(
        ctx,
        [
          {
            table: "notifications",
            index: "byRecipient",
            value: partitions.notificationsTo(userId, dismissed),
            range: before ? { below: sortKeys.dated(before.dueAt, before.notificationId) } : undefined,
            descending: true,
          },
        ],
        { limit },
        undefined,
        MAX_PAGE_LIMIT + 1, // a merged page asks each recipient's list for one more than the largest page
      );
      return page.items;
    },
    async countUndismissed(userId) {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const response = await ctx.doc.send(
          new QueryCommand({
            TableName: ctx.tables.notifications,
            IndexName: "byRecipient",
            KeyConditionExpression: "#pk = :pk",
            ExpressionAttributeNames: { "#pk": indexAttributes("byRecipient").pk },
            ExpressionAttributeValues: { ":pk": partitions.notificationsTo(userId, false) },
            Select: "COUNT",
            ExclusiveStartKey: start,
          }),
        );
        count += response.Count ?? 0;
        start = response.LastEvaluatedKey;
      } while (start);
      return count;
    },
    async existingKeys(dedupeKeys) {
      const taken = new Set<string>();
      const prefix = keys.dedupeClaim("").pk;
      for (let i = 0; i < dedupeKeys.length; i += 100) {
        let request: BatchGetCommandInput["RequestItems"] = {
          [ctx.tables.notifications]: {
            Keys: [...new Set(dedupeKeys.slice(i, i + 100))].map((key) => keys.dedupeClaim(key)),
            ConsistentRead: true,
            ProjectionExpression: "pk",
          },
        };
        while (request && Object.keys(request).length > 0) {
          const response: BatchGetCommandOutput = await ctx.doc.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of response.Responses?.[ctx.tables.notifications] ?? [])
            taken.add(String(item.pk).slice(prefix.length));
          request = response.UnprocessedKeys;
        }
      }
      return taken;
    },
  };
}

/** Leases as conditional puts; `expiresAtEpoch` (seconds) is the table's TTL attribute. */
export function schedulerLeaseStore(ctx: DynamoContext): SchedulerLeaseStore {
  const TableName = ctx.tables.scheduler;
  return {
    async acquire(name, holder, now, expiresAt) {
      try {
        await ctx.doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.lease(name),
              name,
              holder,
              expiresAt,
              expiresAtEpoch: Math.ceil(Date.parse(expiresAt) / 1000),
            },
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now OR holder = :holder",
            ExpressionAttributeValues: { ":now": now, ":holder": holder },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
        throw error;
      }
    },
    async release(name, holder) {
      try {
        await ctx.doc.send(
          new DeleteCommand({
            TableName,
            Key: keys.lease(name),
            ConditionExpression: "holder = :holder",
            ExpressionAttributeValues: { ":holder": holder },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
      }
    },
    async get(name) {
      const { Item } = await ctx.doc.send(new GetCommand({ TableName, Key: keys.lease(name), ConsistentRead: true }));
      return Item && { name: String(Item.name), holder: String(Item.holder), expiresAt: String(Item.expiresAt) };
    },
    // The table's TTL deletes expired leases (within about two days); nothing is left to do here.
    purgeExpired: async () => 0,
  };
}

export function fileStore(ctx: DynamoContext): FileStore {
  return {
    create: createWithAudit(ctx, fileCodec),
    async delete(fileId, audit, unchanged) {
      const users = await queryPage(ctx, [{ table: "artifacts", index: "byFile", value: partitions.ofFile(fileId) }], {
        limit: 1,
      });
      if (users.items.length > 0)
        throw new ConflictError(`file ${fileId} is still referenced by an artifact`, { fileId });
      const batch = new WriteBatch(ctx);
      if (!(await getRecord<FileRecord>(ctx, "files", keys.file(fileId)))) throw new NotFoundError("file", fileId);
      batch.remove("files", keys.file(fileId));
      addUnchanged(batch, unchanged);
      addAudit(batch, audit);
      await batch.commit();
    },
    get: (fileId) => getRecord<FileRecord>(ctx, "files", keys.file(fileId)),
    listByTask: (taskId, page) =>
      queryPage<FileRecord>(ctx, [{ table: "files", index: "byTask", value: partitions.ofTask(taskId) }], page),
  };
}

export function auditEventStore(ctx: DynamoContext): AuditEventStore {
  return {
    listByEntity: (entityType, entityId, page) =>
      queryPage<AuditEvent>(ctx, [{ table: "auditEvents", value: keys.auditEvent(entityType, entityId, "").pk }], page),
  };
}
