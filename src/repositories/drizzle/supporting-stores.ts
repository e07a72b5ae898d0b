import { and, eq, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { artifacts, auditEvents, files, notifications, recurringConfigs, schedulerLeases } from "../../db/schema.js";
import type { AuditEvent } from "../../domain/audit-event.js";
import { ConflictError, NotFoundError, VersionConflictError } from "../../domain/errors.js";
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
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { createWithAudit, recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { holdUnchanged } from "./unchanged-guard.js";
import { insertAudit, selectById } from "./versioned-write.js";

export function recurringConfigStore(db: Db): RecurringConfigStore {
  return {
    ...recordStore<RecurringConfig>(db, SPECS.recurringConfig),
    list: (page) => keysetPage<RecurringConfig>(db, SPECS.recurringConfig, undefined, ["recurringConfigId"], page),
    delete: (id, expectedVersion, audit) =>
      translated(() =>
        db.transaction(async (tx) => {
          const removed = await tx
            .delete(recurringConfigs)
            .where(and(eq(recurringConfigs.recurringConfigId, id), eq(recurringConfigs.version, expectedVersion)))
            .returning({ id: recurringConfigs.recurringConfigId });
          if (removed.length === 0) {
            const current = await selectById<RecurringConfig>(tx, SPECS.recurringConfig, id);
            if (!current) throw new NotFoundError("recurringConfig", id);
            throw new VersionConflictError("recurringConfig", id, expectedVersion, current);
          }
          await insertAudit(tx, audit);
        }),
      ),
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
    async listForRecipient(userId, dismissed, before, limit) {
      const where = and(
        recipient(userId),
        dismissed ? isDismissed : isOpen,
        before
          ? sql`(${notifications.dueAt}, ${notifications.notificationId}) < (${new Date(before.dueAt)}, ${before.notificationId})`
          : undefined,
      );
      const page = await keysetPage<Notification>(
        db,
        SPECS.notification,
        where,
        ["dueAt", "notificationId"],
        { limit },
        "desc",
        RECIPIENT_LIST_MAX,
      );
      return page.items;
    },
    async countUndismissed(userId) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(recipient(userId), isOpen));
      return row?.count ?? 0;
    },
    async existingKeys(dedupeKeys) {
      if (dedupeKeys.length === 0) return new Set();
      const rows = await db
        .select({ key: notifications.dedupeKey })
        .from(notifications)
        .where(inArray(notifications.dedupeKey, dedupeKeys));
      return new Set(rows.map((row) => row.key));
    },
  };
}

/** A merged page asks each recipient's list for one more than the largest page. */
const RECIPIENT_LIST_MAX = MAX_PAGE_LIMIT + 1;

// Written as the partial indexes' WHERE clauses, so the planner uses them.
const isOpen = sql`${notifications.dismissedAt} is null`;
const isDismissed = sql`${notifications.dismissedAt} is not null`;
const recipient = (userId: string | undefined): SQL =>
  userId === undefined ? isNull(notifications.userId) : eq(notifications.userId, userId);

export function schedulerLeaseStore(db: Db): SchedulerLeaseStore {
  return {
    async acquire(name, holder, now, expiresAt) {
      const rows = await db
        .insert(schedulerLeases)
        .values({ name, holder, expiresAt: new Date(expiresAt) })
        .onConflictDoUpdate({
          target: schedulerLeases.name,
          set: { holder, expiresAt: new Date(expiresAt) },
          setWhere: sql`${schedulerLeases.expiresAt} <= ${new Date(now)} or ${schedulerLeases.holder} = ${holder}`,
        })
        .returning({ name: schedulerLeases.name });
      return rows.length > 0;
    },
    async release(name, holder) {
      await db.delete(schedulerLeases).where(and(eq(schedulerLeases.name, name), eq(schedulerLeases.holder, holder)));
    },
    async get(name) {
      const [row] = await db.select().from(schedulerLeases).where(eq(schedulerLeases.name, name));
      return row && { name: row.name, holder: row.holder, expiresAt: row.expiresAt.toISOString() };
    },
    async purgeExpired(before) {
      const rows = await db
        .delete(schedulerLeases)
        .where(lte(schedulerLeases.expiresAt, new Date(before)))
        .returning({ name: schedulerLeases.name });
      return rows.length;
    },
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
