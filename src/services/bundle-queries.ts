import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { ValidationError } from "../domain/errors.js";
import { ListBundlesQuery } from "../domain/list-queries.js";
import type { Task } from "../domain/task.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { found, requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

export async function getBundle(ctx: Ctx, bundleId: string): Promise<Bundle> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
}

/** At most one filter (stage, status or workflowId), each served by its own index. */
export async function listBundles(ctx: Ctx, raw: unknown): Promise<Page<Bundle>> {
  requireRole(ctx, "viewer");
  const { limit, cursor, ...filter } = parseInput(ListBundlesQuery, raw);
  if (Object.values(filter).filter((v) => v !== undefined).length > 1) {
    throw new ValidationError("filter by at most one of stage, status and workflowId", {
      issues: [{ path: "(query)", message: "more than one filter" }],
    });
  }
  return ctx.repo.bundles.list(filter, { limit, cursor });
}

export async function listBundleTasks(ctx: Ctx, bundleId: string, page: PageRequest): Promise<Page<Task>> {
  await getBundle(ctx, bundleId);
  return ctx.repo.tasks.listByBundle(bundleId, page);
}
