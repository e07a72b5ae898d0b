import { BatchWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoContext } from "./dynamo-context.js";
import { indexKeys, toItem } from "./item-codec.js";
import type { Key } from "./key-model.js";
import { keys, partitions } from "./key-model.js";
import { MAX_TRANSACTION_ACTIONS, WriteBatch } from "./transaction.js";

export type Chunk<T> = { batch: WriteBatch; members: T[] };

/**
 * Splits writes into transactions of at most 100 actions: `add` puts one record's actions
 * (item, claims, reference checks) into a batch; a record never straddles two transactions.
 */
export function chunkWrites<T>(
  ctx: DynamoContext,
  records: T[],
  add: (batch: WriteBatch, record: T) => void,
): Chunk<T>[] {
  const chunks: Chunk<T>[] = [];
  const build = (members: T[]) => {
    const batch = new WriteBatch(ctx);
    for (const record of members) add(batch, record);
    return { batch, members };
  };
  let members: T[] = [];
  for (const record of records) {
    if (members.length > 0 && build([...members, record]).batch.size > MAX_TRANSACTION_ACTIONS) {
      chunks.push(build(members));
      members = [];
    }
    members.push(record);
  }
  if (members.length > 0) chunks.push(build(members));
  return chunks;
}

/** Marks a multi-transaction bundle write in progress, so an abandoned one can be found and swept. */
export async function markPending(ctx: DynamoContext, bundleId: string, since: string): Promise<void> {
  const item = toItem(
    "pendingBundle",
    keys.pendingBundle(bundleId),
    { bundleId, since },
    indexKeys({ byPending: [partitions.pendingBundles(), `${since}#${bundleId}`] }),
  );
  await ctx.doc.send(new PutCommand({ TableName: ctx.tables.bundles, Item: item }));
}

/** Deletes items of a failed write; best effort, since readers never see them anyway. */
export async function deleteItems(
  ctx: DynamoContext,
  items: { table: keyof DynamoContext["tables"]; key: Key }[],
): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    const slice = items.slice(start, start + 25);
    let request: Record<string, { DeleteRequest: { Key: Key } }[]> | undefined = {};
    for (const { table, key } of slice) {
      const name = ctx.tables[table];
      request[name] = [...(request[name] ?? []), { DeleteRequest: { Key: key } }];
    }
    for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 5; attempt++) {
      const response = await ctx.doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = response.UnprocessedItems as typeof request;
    }
  }
}
