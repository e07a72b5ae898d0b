import type { AuditEvent } from "../../domain/audit-event.js";
import type { Unchanged } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import type { EntityCodec } from "./entity-codecs.js";
import { addAudit, addCreate, addReplace, addUnchanged, getRecord } from "./entity-writes.js";
import type { Key } from "./key-model.js";
import { WriteBatch } from "./transaction.js";

/** Writes a new record, its claims, reference and `unchanged` checks, and its audit event in one transaction. */
export function createWithAudit<T extends object>(ctx: DynamoContext, codec: EntityCodec<T>) {
  return async (record: T, audit: AuditEvent, unchanged?: Unchanged[]): Promise<T> => {
    const batch = new WriteBatch(ctx);
    addCreate(batch, codec, record);
    addUnchanged(batch, unchanged);
    addAudit(batch, audit);
    await batch.commit();
    return record;
  };
}

/** create / get / update for an entity whose writes touch only its own items and the audit trail. */
export function recordStore<T extends { version: number }>(
  ctx: DynamoContext,
  codec: EntityCodec<T>,
  keyOfId: (id: string) => Key,
) {
  return {
    create: createWithAudit(ctx, codec),
    get: (id: string) => getRecord<T>(ctx, codec.table, keyOfId(id)),
    async update(next: T, expectedVersion: number, audit: AuditEvent, unchanged?: Unchanged[]): Promise<T> {
      const previous = codec.claims ? await getRecord<T>(ctx, codec.table, keyOfId(codec.idOf(next))) : undefined;
      const batch = new WriteBatch(ctx);
      addReplace(batch, codec, next, expectedVersion, previous);
      addUnchanged(batch, unchanged);
      addAudit(batch, audit);
      await batch.commit();
      return next;
    },
  };
}
