import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Timestamp } from "../../domain/dates.js";
import { deleteItems } from "./bundle-chunks.js";
import type { DynamoContext } from "./dynamo-context.js";
import { getRecord } from "./entity-writes.js";
import type { Item } from "./item-codec.js";
import { indexAttributes } from "./item-codec.js";
import type { Key } from "./key-model.js";
import { keys, partitions } from "./key-model.js";

async function queryAll(ctx: DynamoContext, input: ConstructorParameters<typeof QueryCommand>[0]): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Deletes what a multi-transaction bundle write left behind when its process died between chunks:
 * tasks and events whose bundle never committed, found through pending markers older than `before`.
 * Returns the bundle IDs swept. Safe to run any time: a committed bundle has no marker.
 */
export async function sweepAbandonedBundles(ctx: DynamoContext, before: Timestamp): Promise<string[]> {
  const names = indexAttributes("byPending");
  const markers = await queryAll(ctx, {
    TableName: ctx.tables.bundles,
    IndexName: "byPending",
    KeyConditionExpression: "#pk = :pk AND #sk < :before",
    ExpressionAttributeNames: { "#pk": names.pk, "#sk": names.sk },
    ExpressionAttributeValues: { ":pk": partitions.pendingBundles(), ":before": before },
  });
  const swept: string[] = [];
  for (const marker of markers) {
    const bundleId = String(marker.bundleId);
    if (!(await getRecord(ctx, "bundles", keys.bundle(bundleId)))) {
      const byBundle = indexAttributes("byBundle");
      const tasks = await queryAll(ctx, {
        TableName: ctx.tables.tasks,
        IndexName: "byBundle",
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": byBundle.pk },
        ExpressionAttributeValues: { ":pk": partitions.tasksOfBundle(bundleId) },
      });
      const doomed: { table: "tasks"; key: Key }[] = [];
      for (const task of tasks) {
        const events = await queryAll(ctx, {
          TableName: ctx.tables.tasks,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": keys.task(String(task.taskId)).pk },
        });
        for (const item of events) doomed.push({ table: "tasks", key: { pk: String(item.pk), sk: String(item.sk) } });
      }
      await deleteItems(ctx, doomed);
      swept.push(bundleId);
    }
    await deleteItems(ctx, [{ table: "bundles", key: keys.pendingBundle(bundleId) }]);
  }
  return swept;
}
