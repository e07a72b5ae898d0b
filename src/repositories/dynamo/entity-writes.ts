import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { AuditEvent } from "../../domain/audit-event.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { Unchanged } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { auditEventCodec, type Claim, type EntityCodec, TARGETS } from "./entity-codecs.js";
import { fromItem, type Item, indexKeys, toItem } from "./item-codec.js";
import { idBucket, idRegistry, type Key, partitions, TTL_ATTRIBUTE } from "./key-model.js";
import type { DynamoTable } from "./tables.js";
import type { WriteBatch } from "./transaction.js";

function addReferences<T>(batch: WriteBatch, codec: EntityCodec<T>, record: T, skip: ReadonlySet<string>) {
  for (const [field, target] of codec.references) {
    const id = (record as Record<string, unknown>)[field];
    if (typeof id !== "string" || skip.has(id)) continue;
    const spec = TARGETS[target];
    batch.reference(spec.table, spec.key(id), target, id);
  }
}

function addRegistries<T>(batch: WriteBatch, codec: EntityCodec<T>, record: T) {
  for (const registry of codec.registries?.(record) ?? []) {
    batch.registerMonths(codec.table, registry.name, registry.months);
  }
  if (codec.exportAs) batch.registerMonths(codec.table, idRegistry(codec.exportAs), [idBucket(codec.idOf(record))]);
}

/** `item` with the table's TTL attribute when the record expires; rounded up, so TTL never deletes it early. */
function expiring<T>(codec: EntityCodec<T>, record: T, item: Item): Item {
  const expiresAt = codec.expiresAt?.(record);
  if (expiresAt !== undefined) item[TTL_ATTRIBUTE] = Math.ceil(Date.parse(expiresAt) / 1000);
  return item;
}

export function itemOf<T extends object>(codec: EntityCodec<T>, record: T): Item {
  const id = codec.idOf(record);
  const byId = codec.exportAs ? exportIndexKeys(codec.exportAs, id) : {};
  const item = toItem(codec.entityType, codec.key(record), record, { ...codec.index(record), ...byId });
  return expiring(codec, record, item);
}

/** A claim item; it expires with its record, so TTL leaves no claim behind. */
const claimItem = <T>(codec: EntityCodec<T>, record: T, claim: Claim): Item =>
  expiring(codec, record, toItem("claim", claim.key, claim.value));

/** The ID-ordered index keys every exported record carries. */
export function exportIndexKeys(entity: PortableEntity, id: string) {
  return indexKeys({ byId: [partitions.allOf(entity, idBucket(id)), id] });
}

/** Adds a new record, its unique claims and its reference checks (`skip`: IDs written elsewhere in the same logical write). */
export function addCreate<T extends object>(
  batch: WriteBatch,
  codec: EntityCodec<T>,
  record: T,
  skip: ReadonlySet<string> = new Set(),
) {
  batch.create(codec.table, itemOf(codec, record), codec.entityType, codec.idOf(record));
  for (const claim of codec.claims?.(record) ?? [])
    batch.claim(codec.table, claimItem(codec, record, claim), claim.message);
  addReferences(batch, codec, record, skip);
  addRegistries(batch, codec, record);
}

/**
 * Adds a version-checked replacement. Claims that changed since `previous` are released and taken;
 * without `previous`, every claim is re-put on the condition that it is free or already this record's,
 * so an update never fails on a unique value the record itself holds.
 */
export function addReplace<T extends { version: number }>(
  batch: WriteBatch,
  codec: EntityCodec<T>,
  next: T,
  expectedVersion: number,
  previous?: T,
) {
  if (next.version !== expectedVersion + 1)
    throw new Error(`${codec.entityType}: next.version must be expectedVersion + 1`);
  batch.replace(codec.table, itemOf(codec, next), codec.entityType, codec.idOf(next), expectedVersion);
  const before = previous ? (codec.claims?.(previous) ?? []) : [];
  const after = codec.claims?.(next) ?? [];
  const same = (a: { key: Key }, b: { key: Key }) => a.key.pk === b.key.pk && a.key.sk === b.key.sk;
  for (const old of before) if (!after.some((c) => same(c, old))) batch.remove(codec.table, old.key);
  for (const claim of after) {
    if (before.some((c) => same(c, claim))) continue;
    const item = claimItem(codec, next, claim);
    if (previous) batch.claim(codec.table, item, claim.message);
    else batch.reclaim(codec.table, item, claim.value, claim.message);
  }
  addReferences(batch, codec, next, new Set());
  addRegistries(batch, codec, next);
}

/** Adds a version check on each record the write relied on (see `Unchanged` in the repository). */
export function addUnchanged(batch: WriteBatch, unchanged: readonly Unchanged[] = []) {
  for (const guard of unchanged) {
    const spec = TARGETS[guard.entity];
    batch.unchanged(
      spec.table,
      spec.key(guard.id),
      guard.entity,
      guard.id,
      "version" in guard ? guard.version : undefined,
    );
  }
}

export function addAudit(batch: WriteBatch, audit: AuditEvent | AuditEvent[]) {
  for (const event of Array.isArray(audit) ? audit : [audit]) addCreate(batch, auditEventCodec, event);
}

/** A strongly consistent read of one record. */
export async function getRecord<T>(ctx: DynamoContext, table: DynamoTable, key: Key): Promise<T | undefined> {
  const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.tables[table], Key: key, ConsistentRead: true }));
  return Item ? fromItem<T>(Item) : undefined;
}
