import { BatchWriteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Timestamp } from "../../domain/dates.js";
import { atLeast, type RunLogEntry } from "../../domain/run-log.js";
import type { RunLogFilter, RunLogStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { indexAttributes } from "./item-codec.js";
import { dayOf, type Key, keys, LOG_PREFIX, partitions, REGISTRIES, sortKeys } from "./key-model.js";
import { forgetMonths, listMonths } from "./month-registry.js";
import { queryPage } from "./query-pages.js";

const matches =
  ({ level, stepId }: RunLogFilter) =>
  (entry: RunLogEntry) =>
    (level === undefined || atLeast(entry.level, level)) && (stepId === undefined || entry.stepId === stepId);

/** Entries are written by runs.apply (run-store.ts), in the transition's own transaction. */
export function runLogStore(ctx: DynamoContext): RunLogStore {
  return {
    /** A filtered page reads on until it is full or the log ends, so a page is short only at the end. */
    listByBundle: (bundleId, filter, page) => {
      const filtered = filter.level !== undefined || filter.stepId !== undefined;
      const keep = async (entries: RunLogEntry[]) => entries.map(matches(filter));
      return queryPage<RunLogEntry>(
        ctx,
        [{ table: "bundles", value: keys.bundle(bundleId).pk, range: { beginsWith: LOG_PREFIX } }],
        page,
        filtered ? keep : undefined,
      );
    },
    purgeExpired: (now, limit) => purgeExpiredLogs(ctx, now, limit),
  };
}

/**
 * The registered expiry days up to today, oldest first, each read on byLogExpiry up to `now` and its
 * entries deleted. A past day found drained leaves the registry (every entry in it had expired), so
 * the GC never re-reads emptied days. DynamoDB's TTL deletes the same entries eventually on its own.
 */
async function purgeExpiredLogs(ctx: DynamoContext, now: Timestamp, limit: number): Promise<number> {
  const today = dayOf(now);
  const max = Math.floor(limit);
  let purged = 0;
  for (const day of await listMonths(ctx, "bundles", REGISTRIES.logExpiryDays)) {
    if (day > today || purged >= max) break;
    const { expired, drained } = await expiredOn(ctx, day, now, max - purged);
    const deleted = await deleteAll(ctx, expired);
    purged += deleted;
    if (drained && deleted === expired.length && day < today)
      await forgetMonths(ctx, "bundles", REGISTRIES.logExpiryDays, [day]);
  }
  return purged;
}

/** Up to `limit` keys of entries expiring on `day` at or before `now`, in expiry order; `drained` when that was all. */
async function expiredOn(ctx: DynamoContext, day: string, now: Timestamp, limit: number) {
  const names = indexAttributes("byLogExpiry");
  const expired: Key[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tables.bundles,
        IndexName: "byLogExpiry",
        KeyConditionExpression: "#pk = :pk AND #sk <= :now",
        ExpressionAttributeNames: { "#pk": names.pk, "#sk": names.sk },
        // `~` sorts after every ID character: entries expiring at `now` itself are included.
        ExpressionAttributeValues: { ":pk": partitions.logsExpiringOn(day), ":now": sortKeys.instant(now, "~") },
        ProjectionExpression: "pk, sk",
        Limit: limit - expired.length,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) expired.push({ pk: String(item.pk), sk: String(item.sk) });
    start = page.LastEvaluatedKey;
  } while (start && expired.length < limit);
  return { expired, drained: start === undefined };
}

const DELETE_ATTEMPTS = 8;

/**
 * BatchWriteItem, 25 keys a request, retrying what DynamoDB leaves unprocessed; returns how many it
 * took. Keys still unprocessed after the last attempt stay for the next run.
 */
async function deleteAll(ctx: DynamoContext, doomed: Key[]): Promise<number> {
  const table = ctx.tables.bundles;
  let left = 0;
  for (let at = 0; at < doomed.length; at += 25) {
    let requests = doomed.slice(at, at + 25).map((key) => ({ DeleteRequest: { Key: key } }));
    for (let attempt = 0; requests.length > 0 && attempt < DELETE_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const response = await ctx.doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (response.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
    left += requests.length;
  }
  return doomed.length - left;
}
