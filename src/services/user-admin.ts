import type { Ctx } from "../domain/ctx.js";
import { ConflictError } from "../domain/errors.js";
import type { User } from "../domain/user.js";
import { CreateUserInput, UpdateUserInput } from "../domain/user-input.js";
import { atVersion, found, requireRole } from "./access.js";
import { revokeAllTokens } from "./api-tokens.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";
import { revokeAllSessions } from "./sessions.js";

/** Adds a user (admin). A taken email is 409; an ID may be chosen so definitions in Git can name it. */
export async function createUser(ctx: Ctx, raw: unknown): Promise<User> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateUserInput, raw);
  if (input.userId && (await ctx.repo.users.get(input.userId))) {
    throw new ConflictError(`user ${input.userId} already exists`, { userId: input.userId });
  }
  if (await ctx.repo.users.getByEmail(input.email)) {
    throw new ConflictError(`a user with email ${input.email} already exists`, { email: input.email });
  }
  const now = ctx.clock.now();
  const user: User = {
    ...input,
    userId: input.userId ?? ctx.ids.next("user"),
    disabled: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.repo.users.create(
    user,
    auditEvent(ctx, "user", user.userId, "created", { after: { email: user.email, role: user.role } }),
  );
}

/**
 * Renames, changes role, disables or re-enables a user (admin). Disabling stops its tokens and portal
 * sessions at once and revokes them: a re-enabled user needs new tokens and signs in again.
 */
export async function updateUser(ctx: Ctx, userId: string, raw: unknown): Promise<User> {
  requireRole(ctx, "admin");
  const { expectedVersion, ...patch } = parseInput(UpdateUserInput, raw);
  const user = atVersion(found(await ctx.repo.users.get(userId), "user", userId), expectedVersion, "user", userId);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next: User = { ...user, ...defined, version: user.version + 1, updatedAt: ctx.clock.now() };
  const losesAdmin = user.role === "admin" && !user.disabled && (next.role !== "admin" || next.disabled);
  // The admin that remains is part of the write: if it is disabled meanwhile (two admins disabling
  // each other), one of the two writes fails instead of both landing.
  const remaining = losesAdmin ? await anotherEnabledAdmin(ctx, userId) : undefined;
  if (losesAdmin && !remaining) {
    throw new ConflictError("this is the last enabled admin; make another admin first", { userId });
  }
  const saved = await ctx.repo.users.update(
    next,
    user.version,
    auditEvent(ctx, "user", userId, "updated", {
      before: { role: user.role, disabled: user.disabled },
      after: { role: next.role, disabled: next.disabled },
    }),
    remaining ? [{ entity: "user", id: remaining.userId, version: remaining.version }] : [],
  );
  if (saved.disabled) {
    await revokeAllTokens(ctx, userId, "user disabled");
    await revokeAllSessions(ctx, userId, "user disabled");
  }
  return saved;
}

/** An enabled admin other than `userId`, looked for across every page (a team's user list is small). */
async function anotherEnabledAdmin(ctx: Ctx, userId: string): Promise<User | undefined> {
  let cursor: string | undefined;
  do {
    const page = await ctx.repo.users.list({ limit: 500, cursor });
    const found = page.items.find((u) => u.role === "admin" && !u.disabled && u.userId !== userId);
    if (found) return found;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return undefined;
}
