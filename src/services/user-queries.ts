import type { Ctx } from "../domain/ctx.js";
import type { User } from "../domain/user.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { actorOf, found, requireRole } from "./access.js";

export function getMe(ctx: Ctx): User {
  return actorOf(ctx);
}

export async function getUser(ctx: Ctx, userId: string): Promise<User> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.users.get(userId), "user", userId);
}

export async function listUsers(ctx: Ctx, page: PageRequest): Promise<Page<User>> {
  requireRole(ctx, "viewer");
  return ctx.repo.users.list(page);
}
