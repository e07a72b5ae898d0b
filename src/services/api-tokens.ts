import { hashToken, newTokenSecret } from "../domain/api-token-secret.js";
import type { Ctx } from "../domain/ctx.js";
import { DAY_MS } from "../domain/dates.js";
import { ConflictError, ForbiddenError, ValidationError } from "../domain/errors.js";
import { publicView } from "../domain/public-view.js";
import type { ApiToken, PublicToken, User } from "../domain/user.js";
import { IssueTokenInput } from "../domain/user-input.js";
import type { Page, PageRequest } from "../repositories/pagination.js";
import { actorOf, atVersion, found } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";
import { revokeEach } from "./revoke-each.js";

const publicToken = (token: ApiToken) => publicView("apiToken", token) as PublicToken;

/** Admins manage anyone's tokens; everyone else only their own. */
async function tokenOwner(ctx: Ctx, userId: string): Promise<User> {
  const actor = actorOf(ctx);
  if (actor.role !== "admin" && actor.userId !== userId)
    throw new ForbiddenError("only an admin may manage another user's tokens");
  return found(await ctx.repo.users.get(userId), "user", userId);
}

/** Issues a token; the secret is in this answer only, and only its hash is stored. */
export async function issueToken(ctx: Ctx, userId: string, raw: unknown): Promise<PublicToken & { token: string }> {
  const owner = await tokenOwner(ctx, userId);
  // Disabling revokes a user's tokens; one issued while disabled would come back to life on re-enable.
  if (owner.disabled) throw new ConflictError(`user ${userId} is disabled; enable the user before issuing tokens`);
  const input = parseInput(IssueTokenInput, raw ?? {});
  const secret = newTokenSecret();
  const now = ctx.clock.now();
  const expiresAt = input.expiresInDays
    ? new Date(Date.parse(now) + input.expiresInDays * DAY_MS).toISOString()
    : undefined;
  const token: ApiToken = {
    tokenId: ctx.ids.next("apiToken"),
    userId: owner.userId,
    name: input.name,
    tokenHash: hashToken(secret),
    expiresAt,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.repo.apiTokens.create(
    token,
    auditEvent(ctx, "apiToken", token.tokenId, "issued", { after: { userId, expiresAt } }),
    [{ entity: "user", id: owner.userId, version: owner.version }],
  );
  return { ...publicToken(token), token: secret };
}

export async function listTokens(ctx: Ctx, userId: string, page: PageRequest): Promise<Page<PublicToken>> {
  await tokenOwner(ctx, userId);
  const result = await ctx.repo.apiTokens.listByUser(userId, page);
  return { items: result.items.map(publicToken), nextCursor: result.nextCursor };
}

/** Revokes a token at the version the client read; it stops working at once. */
export async function revokeToken(
  ctx: Ctx,
  userId: string,
  tokenId: string,
  expectedVersion: number | undefined,
): Promise<void> {
  await tokenOwner(ctx, userId);
  if (expectedVersion === undefined) {
    throw new ValidationError("expectedVersion is required as a query parameter", {
      issues: [{ path: "expectedVersion", message: "required" }],
    });
  }
  const token = await ctx.repo.apiTokens.get(tokenId);
  const mine = found(token?.userId === userId ? token : undefined, "apiToken", tokenId);
  atVersion(mine, expectedVersion, "apiToken", tokenId);
  await writeRevoked(ctx, mine);
}

/** The one revoking write: version-checked, audited (with why, when it was not the owner's call). */
function writeRevoked(ctx: Ctx, token: ApiToken, reason?: string): Promise<ApiToken> {
  const now = ctx.clock.now();
  return ctx.repo.apiTokens.update(
    { ...token, revokedAt: token.revokedAt ?? now, version: token.version + 1, updatedAt: now },
    token.version,
    auditEvent(ctx, "apiToken", token.tokenId, "revoked", reason ? { after: { reason } } : {}),
  );
}

/**
 * Revokes every token of a user that still works (the user was disabled), so re-enabling the user
 * does not bring old tokens back. One write per token; run again, it finishes what a failure left.
 */
export function revokeAllTokens(ctx: Ctx, userId: string, reason: string): Promise<number> {
  return revokeEach<ApiToken>({
    list: (page) => ctx.repo.apiTokens.listByUser(userId, page),
    live: (token) => !token.revokedAt,
    reread: (token) => ctx.repo.apiTokens.get(token.tokenId),
    revoke: (token) => writeRevoked(ctx, token, reason),
  });
}
