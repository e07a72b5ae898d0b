import type { Ctx } from "../../domain/ctx.js";
import { listUsers } from "../../services/user-queries.js";

/** Names by user ID, for showing assignees: a team's user list is small, read whole once per page. */
export async function peopleById(ctx: Ctx): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listUsers(ctx, { limit: 500, cursor });
    for (const user of page.items) names.set(user.userId, user.name);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}
