import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { artifacts, auditEvents, files, notifications, recurringConfigs } from "../../db/schema.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import type { FileRecord } from "../../domain/file-record.js";
import type { Notification } from "../../domain/notification.js";
import type { RecurringConfig } from "../../domain/recurring-config.js";
import type { AuditEventStore, FileStore, NotificationStore, RecurringConfigStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { createWithAudit, recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { holdUnchanged } from "./unchanged-guard.js";
import { insertAudit } from "./versioned-write.js";

export function recurringConfigStore(db: Db): RecurringConfigStore {
  return {
    ...recordStore<RecurringConfig>(db, SPECS.recurringConfig),
    listDue: (now, page) =>
      keysetPage<RecurringConfig>(
        db,
        SPECS.recurringConfig,
        and(eq(recurringConfigs.enabled, true), lte(recurringConfigs.nextRunAt, new Date(now))),
        ["nextRunAt", "recurringConfigId"],
        page,
      ),
  };
}

export function notificationStore(db: Db): NotificationStore {
  return {
    ...recordStore<Notification>(db, SPECS.notification),
    listForUser: (userId, dueBefore, page) =>
      keysetPage<Notification>(
        db,
        SPECS.notification,
        and(eq(notifications.userId, userId), lte(notifications.dueAt, new Date(dueBefore))),
        ["dueAt", "notificationId"],
        page,
      ),
  };
}

export function fileStore(db: Db): FileStore {
  return {
    create: createWithAudit<FileRecord>(db, SPECS.file),
    delete: (fileId, audit, unchanged) =>
      translated(() =>
        db.transaction(async (tx) => {
          await holdUnchanged(tx, [{ entity: "file", id: fileId }], unchanged);
          const used = await tx
            .select({ id: artifacts.artifactId })
            .from(artifacts)
            .where(eq(artifacts.fileId, fileId))
            .limit(1);
          if (used.length > 0) throw new ConflictError(`file ${fileId} is still referenced by an artifact`, { fileId });
          const removed = await tx.delete(files).where(eq(files.fileId, fileId)).returning({ id: files.fileId });
          if (removed.length === 0) throw new NotFoundError("file", fileId);
          await insertAudit(tx, audit);
        }),
      ),
    get: pointRead<FileRecord>(db, files, files.fileId),
    listByTask: (taskId, page) => keysetPage<FileRecord>(db, SPECS.file, eq(files.taskId, taskId), ["fileId"], page),
  };
}

export function auditEventStore(db: Db): AuditEventStore {
  return {
    listByEntity: (entityType, entityId, page) =>
      keysetPage<AuditEvent>(
        db,
        SPECS.auditEvent,
        and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)),
        ["auditEventId"],
        page,
      ),
  };
}
