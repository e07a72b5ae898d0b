import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, newTokenSecret } from "../../src/domain/api-token-secret.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { UnauthorizedError } from "../../src/domain/errors.js";
import type { ApiToken, User } from "../../src/domain/user.js";
import { withCheckedWrites } from "../../src/repositories/checked-writes.js";
import type { Repository } from "../../src/repositories/repository.js";
import { issueToken } from "../../src/services/api-tokens.js";
import { endSession, revokeAllSessions, sessionUser, startSession } from "../../src/services/sessions.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { testCtx } from "../support/test-ctx.js";

const HOUR = 3_600_000;
const START = "2026-03-02T09:00:00.000Z";
const later = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

describe("portal sessions", () => {
  let raw: Repository;
  let ctx: Ctx;
  let now = START;
  let lookups = 0;
  beforeAll(async () => {
    raw = await pgliteBackend.open();
    const checked = withCheckedWrites(raw);
    // Counts the hash lookups, so a test can tell a refusal made before any read.
    const repo: Repository = {
      ...checked,
      sessions: {
        ...checked.sessions,
        getWithOwner: (hash) => {
          lookups++;
          return checked.sessions.getWithOwner(hash);
        },
      },
    };
    const clock: Clock = { now: () => now, today: () => now.slice(0, 10) };
    ctx = { ...testCtx(repo, { workflows: new Map(), docs: new Map() }), clock };
  });
  afterAll(() => raw.close());

  /** A fresh user at START with a working token (its secret) issued by the user. */
  async function userWithToken(over: Partial<User> = {}) {
    now = START;
    const user = f.user(over);
    await raw.users.create(user, f.audit("user", user.userId));
    const { token } = await issueToken({ ...ctx, actor: user }, user.userId, { name: "portal" });
    return { user, token };
  }

  /** A token of `user` stored as given, and its secret. */
  async function storedToken(user: User, over: Partial<ApiToken>) {
    const secret = newTokenSecret();
    await raw.apiTokens.create(
      f.apiToken(user.userId, { tokenHash: hashToken(secret), ...over }),
      f.audit("apiToken", "tok_x"),
    );
    return secret;
  }

  it("starts a session for a valid token; only its hash is stored, and the secret signs in", async () => {
    const { user, token } = await userWithToken();
    const started = await startSession(ctx, `  ${token}\n`, 8 * HOUR);
    expect(started.user).toEqual(user);
    expect(started.session).toMatchObject({ userId: user.userId, expiresAt: later(8 * HOUR), version: 1 });
    expect(started.session.revokedAt).toBeUndefined();
    expect(started.secret).not.toBe(token);
    const stored = await raw.sessions.get(started.session.sessionId);
    expect(stored).toEqual(started.session);
    expect(stored?.sessionHash).toBe(hashToken(started.secret));
    expect(JSON.stringify(stored)).not.toContain(started.secret);
    expect(await sessionUser(ctx, started.secret)).toEqual({ session: started.session, user });
    const trail = await raw.auditEvents.listByEntity("session", started.session.sessionId, {});
    expect(trail.items).toMatchObject([
      { action: "session.started", actorId: user.userId, after: { expiresAt: later(8 * HOUR) } },
    ]);
  });

  it("refuses an unknown, revoked or expired token, and a disabled user's, starting nothing", async () => {
    const { user } = await userWithToken();
    const revoked = await storedToken(user, { revokedAt: START, expiresAt: undefined });
    const expired = await storedToken(user, { revokedAt: undefined, expiresAt: START });
    const disabled = f.user({ disabled: true });
    await raw.users.create(disabled, f.audit("user", disabled.userId));
    const ofDisabled = await storedToken(disabled, { revokedAt: undefined, expiresAt: undefined });
    for (const token of [newTokenSecret(), "", "not a token", revoked, expired, ofDisabled]) {
      await expect(startSession(ctx, token, HOUR)).rejects.toBeInstanceOf(UnauthorizedError);
    }
    for (const u of [user, disabled]) expect((await raw.sessions.listByUser(u.userId, {})).items).toEqual([]);
  });

  it("signs in until the session expires, by the clock", async () => {
    const { token } = await userWithToken();
    const { secret } = await startSession(ctx, token, HOUR);
    now = later(HOUR - 1);
    expect(await sessionUser(ctx, secret)).toBeDefined();
    now = later(HOUR);
    expect(await sessionUser(ctx, secret)).toBeUndefined();
  });

  it("signs in no more after endSession, which revokes the session with an audit event", async () => {
    const { user, token } = await userWithToken();
    const { secret, session } = await startSession(ctx, token, HOUR);
    const other = await startSession(ctx, token, HOUR);
    now = later(60_000);
    await endSession(ctx, secret);
    expect(await sessionUser(ctx, secret)).toBeUndefined();
    expect(await raw.sessions.get(session.sessionId)).toMatchObject({ revokedAt: now, version: 2 });
    const trail = await raw.auditEvents.listByEntity("session", session.sessionId, {});
    expect(trail.items.map((e) => [e.action, e.actorId, e.after])).toEqual([
      ["session.started", user.userId, { expiresAt: later(HOUR) }],
      ["session.revoked", user.userId, { reason: "signed out" }],
    ]);
    // The user's other session is untouched; ending an ended session changes nothing.
    expect((await sessionUser(ctx, other.secret))?.session).toEqual(other.session);
    await endSession(ctx, secret);
    expect((await raw.sessions.get(session.sessionId))?.version).toBe(2);
  });

  it("signs in no more once the user is disabled, even before its sessions are revoked", async () => {
    const { user, token } = await userWithToken();
    const { secret, session } = await startSession(ctx, token, HOUR);
    await raw.users.update({ ...user, disabled: true, version: 2 }, 1, f.audit("user", user.userId));
    expect(await sessionUser(ctx, secret)).toBeUndefined();
    expect((await raw.sessions.get(session.sessionId))?.revokedAt).toBeUndefined();
  });

  it("revokes every live session of a user, leaving ended ones and other users' alone", async () => {
    const { user, token } = await userWithToken();
    const live = [await startSession(ctx, token, 2 * HOUR), await startSession(ctx, token, 2 * HOUR)];
    const ended = await startSession(ctx, token, 2 * HOUR);
    await endSession(ctx, ended.secret);
    const short = await startSession(ctx, token, HOUR);
    const someoneElse = await startSession(ctx, (await userWithToken()).token, 2 * HOUR);
    now = later(HOUR);
    expect(await revokeAllSessions({ ...ctx, actor: undefined }, user.userId, "user disabled")).toBe(2);
    for (const { session } of live) {
      expect(await raw.sessions.get(session.sessionId)).toMatchObject({ revokedAt: now, version: 2 });
      const trail = await raw.auditEvents.listByEntity("session", session.sessionId, {});
      expect(trail.items.at(-1)).toMatchObject({ action: "session.revoked", after: { reason: "user disabled" } });
    }
    expect((await raw.sessions.get(ended.session.sessionId))?.version).toBe(2);
    expect((await raw.sessions.get(short.session.sessionId))?.revokedAt).toBeUndefined();
    expect(await sessionUser(ctx, someoneElse.secret)).toBeDefined();
    expect(await revokeAllSessions(ctx, user.userId, "user disabled")).toBe(0);
  });

  it("treats an unknown secret as no session: endSession is a no-op", async () => {
    const before = lookups;
    await expect(endSession(ctx, newTokenSecret())).resolves.toBeUndefined();
    await expect(endSession(ctx, undefined)).resolves.toBeUndefined();
    expect(await sessionUser(ctx, "")).toBeUndefined();
    expect(lookups).toBe(before + 1);
  });

  it("refuses a secret longer than 200 characters without looking it up", async () => {
    const { token } = await userWithToken();
    const { secret } = await startSession(ctx, token, HOUR);
    const before = lookups;
    expect(await sessionUser(ctx, `${secret}${"x".repeat(201 - secret.length)}`)).toBeUndefined();
    expect(await sessionUser(ctx, "x".repeat(201))).toBeUndefined();
    await endSession(ctx, "y".repeat(201));
    expect(lookups).toBe(before);
    expect(await sessionUser(ctx, secret)).toBeDefined();
    expect(lookups).toBe(before + 1);
  });
});
