import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoContext } from "./dynamo-context.js";
import { keys } from "./key-model.js";

/**
 * A task of a bundle is visible only once its bundle item exists. Bundles larger than one
 * transaction write their tasks first and the bundle last, so readers see all of it or none.
 */
export async function visibility(ctx: DynamoContext, tasks: { bundleId?: string }[]): Promise<boolean[]> {
  const unknown = [
    ...new Set(tasks.map((t) => t.bundleId).filter((id): id is string => !!id && !ctx.committedBundles.has(id))),
  ];
  for (let start = 0; start < unknown.length; start += 100) {
    let request:
      | Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean; ProjectionExpression: string }>
      | undefined = {
      [ctx.tables.bundles]: {
        Keys: unknown.slice(start, start + 100).map((id) => keys.bundle(id)),
        ConsistentRead: true,
        ProjectionExpression: "bundleId",
      },
    };
    while (request && Object.keys(request).length > 0) {
      const response = await ctx.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of response.Responses?.[ctx.tables.bundles] ?? [])
        ctx.committedBundles.add(String(item.bundleId));
      request = response.UnprocessedKeys as typeof request;
    }
  }
  return tasks.map((t) => !t.bundleId || ctx.committedBundles.has(t.bundleId));
}

export async function isVisible(ctx: DynamoContext, task: { bundleId?: string }): Promise<boolean> {
  return (await visibility(ctx, [task]))[0] ?? false;
}
