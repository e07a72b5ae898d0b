import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoContext } from "./dynamo-context.js";
import type { Item } from "./item-codec.js";
import type { Key } from "./key-model.js";
import { registerMonths } from "./month-registry.js";
import type { DynamoTable } from "./tables.js";
import { type Outcome, TransientConflict, translateDynamoError } from "./translate-error.js";

export const MAX_TRANSACTION_ACTIONS = 100;
const RETRIES = 6;

type Action = { request: Record<string, unknown>; outcome: Outcome };
type Reference = { table: DynamoTable; key: Key; entityType: string; id: string };

/**
 * Collects the actions of one atomic write. References (the foreign keys Postgres enforces) become
 * ConditionChecks, skipped for items the same write touches, since DynamoDB allows one action per item.
 */
export class WriteBatch {
  private readonly actions: Action[] = [];
  private readonly references = new Map<string, Reference>();
  private readonly touched = new Set<string>();
  readonly registryMonths: { name: string; table: DynamoTable; months: string[] }[] = [];

  constructor(private readonly ctx: DynamoContext) {}

  private id(table: DynamoTable, key: Key) {
    return `${table}|${key.pk}|${key.sk}`;
  }

  private add(
    table: DynamoTable,
    key: Key,
    kind: "Put" | "Delete" | "ConditionCheck",
    body: Record<string, unknown>,
    outcome: Outcome,
  ) {
    const id = this.id(table, key);
    if (this.touched.has(id)) throw new Error(`one write touches ${id} twice`);
    this.touched.add(id);
    this.actions.push({ request: { [kind]: { TableName: this.ctx.tables[table], ...body } }, outcome });
  }

  /** Puts a new item; an existing one with the same key is a conflict. */
  create(table: DynamoTable, item: Item, entityType: string, id: string): this {
    return this.putIfAbsent(table, item, { kind: "create", entityType, id });
  }

  /** Claims a unique value (an email, an idempotency key); taken is a conflict with `message`. */
  claim(table: DynamoTable, item: Item, message: string, details?: Record<string, unknown>): this {
    return this.putIfAbsent(table, item, { kind: "claim", message, details });
  }

  /**
   * Claims a unique value for a record that may already hold it (an update): taken by the same owner
   * (`owner` is the claim's one field, such as `{ bundleId }`) is not a conflict.
   */
  reclaim(table: DynamoTable, item: Item, owner: Record<string, unknown>, message: string): this {
    const [field, id] = Object.entries(owner)[0] ?? [];
    if (field === undefined) return this.claim(table, item, message);
    const key = { pk: String(item.pk), sk: String(item.sk) };
    const body = {
      Item: item,
      ConditionExpression: "attribute_not_exists(pk) OR #owner = :owner",
      ExpressionAttributeNames: { "#owner": field },
      ExpressionAttributeValues: { ":owner": id },
    };
    this.add(table, key, "Put", body, { kind: "claim", message });
    return this;
  }

  private putIfAbsent(table: DynamoTable, item: Item, outcome: Outcome): this {
    const key = { pk: String(item.pk), sk: String(item.sk) };
    this.add(table, key, "Put", { Item: item, ConditionExpression: "attribute_not_exists(pk)" }, outcome);
    return this;
  }

  /** Replaces an item only at `expectedVersion`; the old item comes back on failure (missing vs stale). */
  replace(table: DynamoTable, item: Item, entityType: string, id: string, expectedVersion: number): this {
    const key = { pk: String(item.pk), sk: String(item.sk) };
    return this.atVersion(table, key, "Put", { Item: item }, { kind: "replace", entityType, id, expectedVersion });
  }

  /** Deletes an item only at `expectedVersion`; the old item comes back on failure (missing vs stale). */
  removeVersioned(table: DynamoTable, key: Key, entityType: string, id: string, expectedVersion: number): this {
    return this.atVersion(table, key, "Delete", { Key: key }, { kind: "replace", entityType, id, expectedVersion });
  }

  private atVersion(
    table: DynamoTable,
    key: Key,
    kind: "Put" | "Delete",
    target: Record<string, unknown>,
    outcome: Extract<Outcome, { kind: "replace" }>,
  ): this {
    this.add(
      table,
      key,
      kind,
      {
        ...target,
        ConditionExpression: "attribute_exists(pk) AND #version = :expected",
        ExpressionAttributeNames: { "#version": "version" },
        ExpressionAttributeValues: { ":expected": outcome.expectedVersion },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      },
      outcome,
    );
    return this;
  }

  /** Requires an item this write does not touch to be still at `version` (or, without one, to exist) at commit. */
  unchanged(table: DynamoTable, key: Key, entityType: string, id: string, version?: number): this {
    const body =
      version === undefined
        ? { Key: key, ConditionExpression: "attribute_exists(pk)" }
        : {
            Key: key,
            ConditionExpression: "attribute_exists(pk) AND #version = :read",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":read": version },
          };
    this.add(table, key, "ConditionCheck", body, { kind: "unchanged", entityType, id });
    return this;
  }

  remove(table: DynamoTable, key: Key): this {
    this.add(table, key, "Delete", { Key: key }, { kind: "none" });
    return this;
  }

  /** Requires an item to exist when the write commits (a foreign key). */
  reference(table: DynamoTable, key: Key, entityType: string, id: string): this {
    this.references.set(this.id(table, key), { table, key, entityType, id });
    return this;
  }

  registerMonths(table: DynamoTable, name: string, months: string[]): this {
    this.registryMonths.push({ table, name, months });
    return this;
  }

  private checks(): Action[] {
    return [...this.references.entries()]
      .filter(([id]) => !this.touched.has(id))
      .map(([, ref]) => ({
        request: {
          ConditionCheck: {
            TableName: this.ctx.tables[ref.table],
            Key: ref.key,
            ConditionExpression: "attribute_exists(pk)",
          },
        },
        outcome: { kind: "reference", entityType: ref.entityType, id: ref.id } satisfies Outcome,
      }));
  }

  get size(): number {
    return this.actions.length + this.checks().length;
  }

  /** One TransactWriteItems; retried (with the same ClientRequestToken) while another transaction holds an item. */
  async commit(): Promise<void> {
    const all = [...this.actions, ...this.checks()];
    if (all.length === 0) return;
    if (all.length > MAX_TRANSACTION_ACTIONS)
      throw new Error(`a transaction holds ${all.length} actions; the limit is 100`);
    for (const r of this.registryMonths) await registerMonths(this.ctx, r.table, r.name, r.months);
    const token = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ctx.doc.send(
          new TransactWriteCommand({ TransactItems: all.map((a) => a.request) as never, ClientRequestToken: token }),
        );
        return;
      } catch (error) {
        try {
          translateDynamoError(
            error,
            all.map((a) => a.outcome),
          );
        } catch (translated) {
          if (!(translated instanceof TransientConflict) || attempt >= RETRIES) throw translated;
        }
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt * Math.random()));
      }
    }
  }
}
