import { hashToken } from "../domain/api-token-secret.js";
import type { Ctx } from "../domain/ctx.js";
import type { User } from "../domain/user.js";

/**
 * The user behind an `Authorization: Bearer <token>` header, or undefined: unknown, revoked and
 * expired tokens and disabled users all fail the same way, checked on every request.
 */
export async function authenticate(ctx: Ctx, header: string | undefined): Promise<User | undefined> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1] || match[1].length > 200) return undefined;
  const token = await ctx.repo.apiTokens.getByHash(hashToken(match[1]));
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= ctx.clock.now())) return undefined;
  const user = await ctx.repo.users.get(token.userId);
  return user && !user.disabled ? user : undefined;
}
