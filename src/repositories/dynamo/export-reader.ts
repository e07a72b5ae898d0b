import type { PortableEntity } from "../../domain/export-names.js";
import { portableText } from "../../domain/portable-record.js";
import { EXPORT_PAGE_LIMIT } from "../pagination.js";
import type { ExportReader } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { idRegistry, partitions } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { queryPage } from "./query-pages.js";
import type { DynamoTable } from "./tables.js";
import { visibility } from "./task-visibility.js";

const TABLE_OF: Record<PortableEntity, DynamoTable> = {
  users: "users",
  workflow_versions: "workflowVersions",
  bundles: "bundles",
  tasks: "tasks",
  task_events: "tasks",
  step_executions: "bundles",
  run_logs: "bundles",
  events: "bundles",
  recurring_configs: "recurringConfigs",
  notifications: "notifications",
  files: "files",
  artifacts: "artifacts",
  assistant_jobs: "assistantJobs",
  audit_events: "auditEvents",
};

/**
 * byId partitions in bucket order, IDs ascending within each: the whole entity in ID order. Tasks and
 * their events of a bundle that never committed are left out, as every other read leaves them out.
 */
export function exportReader(ctx: DynamoContext): ExportReader {
  const reader: ExportReader = {
    async list(entity, page) {
      const table = TABLE_OF[entity];
      const buckets = await monthPartitions(ctx, table, idRegistry(entity), (bucket) => ({
        index: "byId",
        value: partitions.allOf(entity, bucket),
      }));
      const keep =
        entity === "tasks" || entity === "task_events"
          ? (records: Record<string, unknown>[]) => visibility(ctx, records as { bundleId?: string }[])
          : undefined;
      return queryPage<Record<string, unknown>>(ctx, buckets, page, keep, EXPORT_PAGE_LIMIT);
    },
    async lines(entity, page) {
      const { items, nextCursor } = await reader.list(entity, page);
      return { text: portableText(entity, items), count: items.length, nextCursor };
    },
    async *pages(entity, limit) {
      let cursor: string | undefined;
      do {
        const page = await reader.lines(entity, { limit, cursor });
        yield page;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },
  };
  return reader;
}
