import { hashToken } from "../domain/api-token-secret.js";
import type { Ctx } from "../domain/ctx.js";
import { auditEvent } from "./audit.js";

/**
 * First start of an empty store with BOOTSTRAP_ADMIN_TOKEN set: an admin whose token is that value.
 * Does nothing once any user exists. Returns the new admin's ID, if one was made.
 */
export async function bootstrapAdmin(ctx: Ctx, token: string | undefined, email: string): Promise<string | undefined> {
  if (!token || (await ctx.repo.users.list({ limit: 1 })).items.length > 0) return undefined;
  const now = ctx.clock.now();
  const userId = ctx.ids.next("user");
  await ctx.repo.users.create(
    {
      userId,
      name: "Administrator",
      email,
      role: "admin",
      disabled: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    auditEvent(ctx, "user", userId, "created", { after: { email, role: "admin", bootstrap: true } }),
  );
  const tokenId = ctx.ids.next("apiToken");
  await ctx.repo.apiTokens.create(
    { tokenId, userId, name: "bootstrap", tokenHash: hashToken(token), version: 1, createdAt: now, updatedAt: now },
    auditEvent(ctx, "apiToken", tokenId, "issued", { after: { userId, bootstrap: true } }),
  );
  return userId;
}
