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
  const found = await ctx.repo.apiTokens.getWithOwner(hashToken(match[1]));
  if (!found) return undefined;
  const { token, owner } = found;
  if (token.revokedAt || (token.expiresAt && token.expiresAt <= ctx.clock.now()) || owner.disabled) return undefined;
  return owner;
}
