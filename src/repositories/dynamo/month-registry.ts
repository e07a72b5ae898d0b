import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoContext } from "./dynamo-context.js";
import { keys } from "./key-model.js";
import type { DynamoTable } from "./tables.js";

const known = new WeakMap<DynamoContext, Set<string>>();

/**
 * Records that month buckets hold items. ADD to a string set is idempotent and the registry only
 * grows, so it is written before the transaction: a month registered for a write that then fails
 * costs one empty query, never a missed item.
 */
export async function registerMonths(ctx: DynamoContext, table: DynamoTable, name: string, months: string[]) {
  const cache = known.get(ctx) ?? new Set<string>();
  known.set(ctx, cache);
  const fresh = [...new Set(months)].filter((month) => !cache.has(`${table}|${name}|${month}`));
  if (fresh.length === 0) return;
  await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.tables[table],
      Key: keys.monthRegistry(name),
      UpdateExpression: "ADD #months :months SET #entity = :entity",
      ExpressionAttributeNames: { "#months": "months", "#entity": "_entity" },
      ExpressionAttributeValues: { ":months": new Set(fresh), ":entity": "registry" },
    }),
  );
  for (const month of fresh) cache.add(`${table}|${name}|${month}`);
}

/**
 * Lets go of buckets known to be empty for good (a past expiry day the GC emptied), so the registry
 * stays as short as the backlog. Another process that still caches one re-registers it only on its
 * next restart: an item written into it meanwhile is left to the table's TTL.
 */
export async function forgetMonths(ctx: DynamoContext, table: DynamoTable, name: string, months: string[]) {
  if (months.length === 0) return;
  await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.tables[table],
      Key: keys.monthRegistry(name),
      UpdateExpression: "DELETE #months :months",
      ExpressionAttributeNames: { "#months": "months" },
      ExpressionAttributeValues: { ":months": new Set(months) },
    }),
  );
  for (const month of months) known.get(ctx)?.delete(`${table}|${name}|${month}`);
}

/** The registered months, ascending. */
export async function listMonths(ctx: DynamoContext, table: DynamoTable, name: string): Promise<string[]> {
  const { Item } = await ctx.doc.send(
    new GetCommand({ TableName: ctx.tables[table], Key: keys.monthRegistry(name), ConsistentRead: true }),
  );
  const months = Item?.months as Set<string> | undefined;
  return months ? [...months].sort() : [];
}
