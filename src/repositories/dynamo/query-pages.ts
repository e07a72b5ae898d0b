import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ValidationError } from "../../domain/errors.js";
import { decodeCursor, encodeCursor, type Page, type PageRequest, pageLimit } from "../pagination.js";
import type { DynamoContext } from "./dynamo-context.js";
import { fromItem, type Item, indexAttributes } from "./item-codec.js";
import type { DynamoTable } from "./tables.js";

export type Range =
  | { beginsWith: string }
  | { between: [string, string] }
  | { below: string }
  | { atMost: string }
  | { atLeast: string };

/** One Query: a partition of the table or of an index, optionally narrowed on the sort key. */
export type Partition = { table: DynamoTable; index?: string; value: string; range?: Range; descending?: boolean };

type Position = { p: string; k: Record<string, string> };
const isPosition = (value: unknown): value is Position => {
  const v = value as Position;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.p === "string" &&
    typeof v.k === "object" &&
    v.k !== null &&
    Object.values(v.k).every((x) => typeof x === "string")
  );
};

function keyNames(partition: Partition) {
  return partition.index
    ? { ...indexAttributes(partition.index), table: ["pk", "sk"] }
    : { pk: "pk", sk: "sk", table: ["pk", "sk"] };
}

function rangeExpression(range: Range | undefined): { expr: string; values: Record<string, string> } {
  if (!range) return { expr: "", values: {} };
  if ("beginsWith" in range) return { expr: " AND begins_with(#sk, :a)", values: { ":a": range.beginsWith } };
  if ("between" in range)
    return { expr: " AND #sk BETWEEN :a AND :b", values: { ":a": range.between[0], ":b": range.between[1] } };
  if ("below" in range) return { expr: " AND #sk < :a", values: { ":a": range.below } };
  if ("atLeast" in range) return { expr: " AND #sk >= :a", values: { ":a": range.atLeast } };
  return { expr: " AND #sk <= :a", values: { ":a": range.atMost } };
}

/** The key of an item in a partition's table or index: what ExclusiveStartKey takes. */
function positionOf(partition: Partition, item: Item): Record<string, string> {
  const names = keyNames(partition);
  const attributes = partition.index ? [names.pk, names.sk, ...names.table] : names.table;
  return Object.fromEntries(attributes.map((name) => [name, String(item[name])]));
}

/**
 * A page across partitions taken in order (month buckets, say). It keeps querying past DynamoDB's
 * 1 MB response limit until it has `limit` items; `keep` may drop items (task visibility).
 */
export async function queryPage<T>(
  ctx: DynamoContext,
  partitions: Partition[],
  request: PageRequest,
  keep?: (records: T[]) => Promise<boolean[]>,
  maxLimit?: number,
): Promise<Page<T>> {
  const limit = pageLimit(request.limit, maxLimit);
  let first = 0;
  let startKey: Record<string, string> | undefined;
  if (request.cursor) {
    const position = decodeCursor(request.cursor, isPosition);
    first = partitions.findIndex((p) => p.value === position.p);
    const expected = first >= 0 ? keyNames(partitions[first] as Partition).pk : "";
    if (first < 0 || position.k[expected] !== position.p) {
      throw new ValidationError("cursor does not belong to this list", {
        issues: [{ path: "cursor", message: "invalid" }],
      });
    }
    startKey = position.k;
  }
  const found: { record: T; item: Item; partition: Partition }[] = [];
  for (let i = first; i < partitions.length && found.length <= limit; i++) {
    const partition = partitions[i] as Partition;
    const names = keyNames(partition);
    const range = rangeExpression(partition.range);
    let exclusiveStartKey: Record<string, unknown> | undefined = i === first ? startKey : undefined;
    do {
      const response = await ctx.doc.send(
        new QueryCommand({
          TableName: ctx.tables[partition.table],
          IndexName: partition.index,
          KeyConditionExpression: `#pk = :pk${range.expr}`,
          ExpressionAttributeNames: { "#pk": names.pk, ...(range.expr ? { "#sk": names.sk } : {}) },
          ExpressionAttributeValues: { ":pk": partition.value, ...range.values },
          ScanIndexForward: !partition.descending,
          ExclusiveStartKey: exclusiveStartKey,
          Limit: limit + 1 - found.length,
        }),
      );
      const items = (response.Items ?? []) as Item[];
      const records = items.map((item) => fromItem<T>(item));
      const kept = keep ? await keep(records) : records.map(() => true);
      records.forEach((record, j) => {
        if (kept[j]) found.push({ record, item: items[j] as Item, partition });
      });
      exclusiveStartKey = response.LastEvaluatedKey;
    } while (exclusiveStartKey && found.length <= limit);
  }
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > limit && last
      ? encodeCursor({ p: last.partition.value, k: positionOf(last.partition, last.item) })
      : null;
  return { items: page.map((f) => f.record), nextCursor };
}
