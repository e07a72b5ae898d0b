import { hashToken, newTokenSecret } from "../domain/api-token-secret.js";
import type { Ctx } from "../domain/ctx.js";
import { UnauthorizedError, VersionConflictError } from "../domain/errors.js";
import type { Session } from "../domain/session.js";
import type { User } from "../domain/user.js";
import { auditEvent } from "./audit.js";
import { authenticate } from "./authenticate.js";
import { revokeEach } from "./revoke-each.js";

/** A cookie value is a secret of our own shape; anything longer is refused before hashing. */
const SECRET_MAX = 200;

/**
 * Exchanges a pasted API token for a portal session lasting `lifetimeMs`. The secret goes in the
 * answer only (the cookie); the store keeps its hash. The owner is checked unchanged in the write,
 * so a session never starts past a concurrent disable.
 */
export async function startSession(
  ctx: Ctx,
  apiToken: string,
  lifetimeMs: number,
): Promise<{ secret: string; session: Session; user: User }> {
  const user = await authenticate(ctx, `Bearer ${apiToken.trim()}`);
  if (!user)
    throw new UnauthorizedError("that token is not valid: it is unknown, revoked or expired, or its user is disabled");
  const secret = newTokenSecret();
  const now = ctx.clock.now();
  const session: Session = {
    sessionId: ctx.ids.next("session"),
    userId: user.userId,
    sessionHash: hashToken(secret),
    expiresAt: new Date(Date.parse(now) + lifetimeMs).toISOString(),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditEvent({ ...ctx, actor: user }, "session", session.sessionId, "started", {
    after: { expiresAt: session.expiresAt },
  });
  await ctx.repo.sessions.create(session, audit, [{ entity: "user", id: user.userId, version: user.version }]);
  return { secret, session, user };
}

/** The live session behind a cookie secret and its user, or undefined: unknown, ended and disabled all fail alike. */
export async function sessionUser(
  ctx: Ctx,
  secret: string | undefined,
): Promise<{ session: Session; user: User } | undefined> {
  if (!secret || secret.length > SECRET_MAX) return undefined;
  const found = await ctx.repo.sessions.getWithOwner(hashToken(secret));
  if (!found) return undefined;
  const { session, owner } = found;
  if (session.revokedAt || session.expiresAt <= ctx.clock.now() || owner.disabled) return undefined;
  return { session, user: owner };
}

/** Signs out: the session behind the secret stops working at once. Unknown or ended sessions are left as they are. */
export async function endSession(ctx: Ctx, secret: string | undefined): Promise<void> {
  const live = await sessionUser(ctx, secret);
  if (!live) return;
  try {
    await writeRevoked({ ...ctx, actor: live.user }, live.session, "signed out");
  } catch (error) {
    // Revoked meanwhile (a second click on sign-out): revoked is revoked.
    if (!(error instanceof VersionConflictError)) throw error;
  }
}

/** The one revoking write: version-checked and audited with why. */
function writeRevoked(ctx: Ctx, session: Session, reason: string): Promise<Session> {
  const now = ctx.clock.now();
  return ctx.repo.sessions.update(
    { ...session, revokedAt: session.revokedAt ?? now, version: session.version + 1, updatedAt: now },
    session.version,
    auditEvent(ctx, "session", session.sessionId, "revoked", { after: { reason } }),
  );
}

/** Revokes every live session of a user (the user was disabled); returns how many it revoked. */
export function revokeAllSessions(ctx: Ctx, userId: string, reason: string): Promise<number> {
  const now = ctx.clock.now();
  return revokeEach<Session>({
    list: (page) => ctx.repo.sessions.listByUser(userId, page),
    live: (session) => !session.revokedAt && session.expiresAt > now,
    reread: (session) => ctx.repo.sessions.get(session.sessionId),
    revoke: (session) => writeRevoked(ctx, session, reason),
  });
}
