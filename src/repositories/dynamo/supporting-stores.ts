import type { AuditEvent } from "../../domain/audit-event.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import type { FileRecord } from "../../domain/file-record.js";
import type { Notification } from "../../domain/notification.js";
import type { RecurringConfig } from "../../domain/recurring-config.js";
import type { AuditEventStore, FileStore, NotificationStore, RecurringConfigStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { fileCodec, notificationCodec, recurringConfigCodec } from "./entity-codecs.js";
import { addAudit, addUnchanged, getRecord } from "./entity-writes.js";
import { keys, partitions } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { createWithAudit, recordStore } from "./record-store.js";
import { WriteBatch } from "./transaction.js";

/** `~` sorts after every ID character, so `<= <time>#~` includes every item at that time. */
const upTo = (time: string) => ({ atMost: `${time}#~` });

export function recurringConfigStore(ctx: DynamoContext): RecurringConfigStore {
  return {
    ...recordStore<RecurringConfig>(ctx, recurringConfigCodec, keys.recurringConfig),
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
