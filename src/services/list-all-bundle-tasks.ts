import type { Ctx } from "../domain/ctx.js";
import type { Task } from "../domain/task.js";
import { MAX_PAGE_LIMIT } from "../repositories/pagination.js";

/** Every task of a bundle in template order, following cursors to the end. */
export async function listAllBundleTasks(ctx: Ctx, bundleId: string): Promise<Task[]> {
  const all: Task[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.repo.tasks.listByBundle(bundleId, { limit: MAX_PAGE_LIMIT, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
