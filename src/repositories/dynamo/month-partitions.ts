import type { DynamoContext } from "./dynamo-context.js";
import { listMonths } from "./month-registry.js";
import type { Partition } from "./query-pages.js";
import type { DynamoTable } from "./tables.js";

/** One partition per registered month, ascending: how bucketed lists are read in order. */
export async function monthPartitions(
  ctx: DynamoContext,
  table: DynamoTable,
  registry: string,
  make: (month: string) => Omit<Partition, "table">,
  filter: (month: string) => boolean = () => true,
): Promise<Partition[]> {
  return (await listMonths(ctx, table, registry)).filter(filter).map((month) => ({ table, ...make(month) }));
}
