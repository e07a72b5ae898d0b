import type { Ctx } from "../domain/ctx.js";
import { ListRunLogsQuery } from "../domain/list-queries.js";
import type { RunLogEntry } from "../domain/run-log.js";
import type { Page } from "../repositories/pagination.js";
import { requireRole } from "../services/access.js";
import { parseInput } from "../services/parse-input.js";
import { runBundle } from "./run-service.js";

/** A run's log, oldest first. Entries past the workflow's retention are gone; the run's logSummary stays. */
export async function listRunLogs(ctx: Ctx, bundleId: string, raw: unknown): Promise<Page<RunLogEntry>> {
  requireRole(ctx, "viewer");
  const { level, stepId, limit, cursor } = parseInput(ListRunLogsQuery, raw);
  await runBundle(ctx, bundleId);
  return ctx.repo.runLogs.listByBundle(bundleId, { level, stepId }, { limit, cursor });
}
