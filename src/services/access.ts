import type { Ctx } from "../domain/ctx.js";
import { ForbiddenError, NotFoundError, UnauthorizedError, VersionConflictError } from "../domain/errors.js";
import { hasRole } from "../domain/roles.js";
import type { User, UserRole } from "../domain/user.js";

/** The authenticated actor, or 401. */
export function actorOf(ctx: Ctx): User {
  if (!ctx.actor) throw new UnauthorizedError();
  return ctx.actor;
}

/** 403 unless the actor holds at least `role`. */
export function requireRole(ctx: Ctx, role: UserRole): User {
  const actor = actorOf(ctx);
  if (!hasRole(actor.role, role)) throw new ForbiddenError(`this needs the ${role} role; you are ${actor.role}`);
  return actor;
}

/** The record, or 404 naming what was missing. */
export function found<T>(record: T | undefined, entityType: string, id: string): T {
  if (record === undefined) throw new NotFoundError(entityType, id);
  return record;
}

/** 409 before any work when the client's version is already behind. */
export function atVersion<T extends { version: number }>(
  record: T,
  expectedVersion: number,
  entityType: string,
  id: string,
): T {
  if (record.version !== expectedVersion) throw new VersionConflictError(entityType, id, expectedVersion, record);
  return record;
}
