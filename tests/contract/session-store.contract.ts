import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, VersionConflictError } from "../../src/domain/errors.js";
import type { Session } from "../../src/domain/session.js";
import type { User } from "../../src/domain/user.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

const sessionIds = (sessions: Session[]) => sessions.map((s) => s.sessionId);
const revoked = (s: Session, over: Partial<Session> = {}): Session => ({
  ...s,
  revokedAt: f.T1,
  version: s.version + 1,
  updatedAt: f.T1,
  ...over,
});

/** Portal sessions: created with their audit event while the owner is unchanged, read by hash with the owner, revoked, purged. */
export function sessionStoreContract(backend: Backend) {
  describe(`${backend.name}: session store`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    async function storedUser(over: Partial<User> = {}) {
      const u = f.user(over);
      await repo.users.create(u, f.audit("user", u.userId));
      return u;
    }

    async function stored(userId: string, over: Partial<Session> = {}) {
      const s = f.session(userId, over);
      await repo.sessions.create(s, f.audit("session", s.sessionId, { action: "session.started" }));
      return s;
    }

    it("creates a session with its audit event; reads it by ID and by hash with its owner as the owner is now", async () => {
      const u = await storedUser();
      const s = f.session(u.userId);
      const audit = f.audit("session", s.sessionId, { actorId: u.userId, action: "session.started" });
      expect(await repo.sessions.create(s, audit, [{ entity: "user", id: u.userId, version: 1 }])).toStrictEqual(s);
      expect(await repo.sessions.get(s.sessionId)).toStrictEqual(s);
      expect(await repo.sessions.getWithOwner(s.sessionHash)).toStrictEqual({ session: s, owner: u });
      expect((await repo.auditEvents.listByEntity("session", s.sessionId, {})).items).toStrictEqual([audit]);

      // Nothing is cached: right after the owner is disabled, the owner read is the disabled one.
      const disabled = { ...u, disabled: true, version: 2, updatedAt: f.T1 };
      await repo.users.update(disabled, 1, f.audit("user", u.userId, { action: "user.updated" }));
      expect(await repo.sessions.getWithOwner(s.sessionHash)).toStrictEqual({ session: s, owner: disabled });
    });

    it("finds nothing for an unknown hash or ID", async () => {
      expect(await repo.sessions.getWithOwner(`sha256:${"0".repeat(64)}`)).toBeUndefined();
      expect(await repo.sessions.get(f.session("usr_x").sessionId)).toBeUndefined();
    });

    it("refuses a hash another session holds, and writes nothing of the second", async () => {
      const u = await storedUser();
      const first = await stored(u.userId);
      const second = f.session(u.userId, { sessionHash: first.sessionHash });
      await expect(
        repo.sessions.create(second, f.audit("session", second.sessionId, { action: "session.started" })),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.sessions.get(second.sessionId)).toBeUndefined();
      expect((await repo.sessions.getWithOwner(first.sessionHash))?.session).toStrictEqual(first);
      expect((await repo.auditEvents.listByEntity("session", second.sessionId, {})).items).toEqual([]);
    });

    it("refuses a session whose owner changed since it was read (a disable meanwhile), and writes nothing", async () => {
      const u = await storedUser();
      await repo.users.update({ ...u, disabled: true, version: 2, updatedAt: f.T1 }, 1, f.audit("user", u.userId));
      const s = f.session(u.userId);
      const start = repo.sessions.create(s, f.audit("session", s.sessionId, { action: "session.started" }), [
        { entity: "user", id: u.userId, version: 1 },
      ]);
      await expect(start).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.sessions.get(s.sessionId)).toBeUndefined();
      expect(await repo.sessions.getWithOwner(s.sessionHash)).toBeUndefined();
      expect((await repo.sessions.listByUser(u.userId, {})).items).toEqual([]);
      expect((await repo.auditEvents.listByEntity("session", s.sessionId, {})).items).toEqual([]);
    });

    it("revokes at the version read; a stale write gets the current session without its hash, a missing one 404s", async () => {
      const u = await storedUser();
      const s = await stored(u.userId);
      const ended = revoked(s);
      const audit = f.audit("session", s.sessionId, { action: "session.revoked", after: { reason: "signed out" } });
      expect(await repo.sessions.update(ended, 1, audit)).toStrictEqual(ended);
      expect(await repo.sessions.get(s.sessionId)).toStrictEqual(ended);
      expect((await repo.sessions.getWithOwner(s.sessionHash))?.session).toStrictEqual(ended);

      const stale = repo.sessions.update(
        revoked(s, { revokedAt: "2026-03-03T00:00:00.000Z" }),
        1,
        f.audit("session", s.sessionId, { action: "session.revoked" }),
      );
      const error: unknown = await stale.catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(VersionConflictError);
      expect((error as VersionConflictError).details).toMatchObject({
        expectedVersion: 1,
        currentVersion: 2,
        current: { sessionId: s.sessionId, revokedAt: f.T1 },
      });
      expect(JSON.stringify((error as VersionConflictError).details)).not.toContain(s.sessionHash);
      expect(await repo.sessions.get(s.sessionId)).toStrictEqual(ended);

      const ghost = f.session(u.userId);
      await expect(
        repo.sessions.update(revoked(ghost), 1, f.audit("session", ghost.sessionId, { action: "session.revoked" })),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect(await repo.sessions.get(ghost.sessionId)).toBeUndefined();
      const trail = await repo.auditEvents.listByEntity("session", s.sessionId, {});
      expect(trail.items.map((e) => e.action)).toEqual(["session.started", "session.revoked"]);
    });

    it("lists a user's sessions by sessionId across pages, apart from other users' and from tokens", async () => {
      const [u, other] = [await storedUser(), await storedUser()];
      const mine: Session[] = [];
      for (let i = 0; i < 5; i++) mine.push(await stored(u.userId, i === 2 ? { revokedAt: f.T1 } : {}));
      await stored(other.userId);
      const token = f.apiToken(u.userId);
      await repo.apiTokens.create(token, f.audit("apiToken", token.tokenId));
      const expected = [...mine].sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1));
      for (const limit of [1, 2, 5, 50]) {
        const { items, pages } = await allPages((page) => repo.sessions.listByUser(u.userId, page), limit);
        expect([limit, items]).toStrictEqual([limit, expected]);
        expect([limit, pages]).toEqual([limit, Math.ceil(expected.length / limit)]);
      }
      expect((await repo.apiTokens.listByUser(u.userId, {})).items).toStrictEqual([token]);
      expect((await repo.sessions.listByUser(f.user().userId, {})).items).toEqual([]);
    });

    // Expiry times in 2001, which no other test here uses: the purge is global.
    it(
      backend.sessionsExpireByTtl
        ? "purges nothing itself: the table's TTL deletes expired sessions"
        : "purges expired sessions (revoked or not), at most `limit` a call, and keeps the rest",
      async () => {
        const u = await storedUser();
        const now = "2001-03-10T12:00:00.000Z";
        const expired = [
          await stored(u.userId, { expiresAt: "2001-01-05T08:00:00.000Z" }),
          await stored(u.userId, { expiresAt: "2001-02-01T00:00:00.000Z", revokedAt: "2001-01-10T00:00:00.000Z" }),
          await stored(u.userId, { expiresAt: "2001-03-10T11:59:59.999Z" }),
          await stored(u.userId, { expiresAt: now }),
        ];
        const kept = [
          await stored(u.userId, { expiresAt: "2001-03-10T12:00:00.001Z" }),
          await stored(u.userId, { expiresAt: "2001-03-10T12:00:00.001Z", revokedAt: f.T0 }),
          await stored(u.userId),
        ];
        const remaining = async () =>
          sessionIds((await allPages((page) => repo.sessions.listByUser(u.userId, page), 50)).items);
        const all = sessionIds([...expired, ...kept]).sort();

        if (backend.sessionsExpireByTtl) {
          expect(await repo.sessions.purgeExpired(now, 100)).toBe(0);
          expect(await remaining()).toEqual(all);
          for (const s of expired) expect((await repo.sessions.getWithOwner(s.sessionHash))?.session).toStrictEqual(s);
          return;
        }
        // Oldest expiry first, so which sessions remain after each call is known.
        let purged = 0;
        for (const [limit, count] of [
          [1, 1],
          [2, 2],
          [100, 1],
          [100, 0],
          [0, 0],
        ] as const) {
          expect([limit, await repo.sessions.purgeExpired(now, limit)]).toEqual([limit, count]);
          purged += count;
          expect([limit, await remaining()]).toEqual([limit, sessionIds([...expired.slice(purged), ...kept]).sort()]);
        }
        for (const s of expired) expect(await repo.sessions.getWithOwner(s.sessionHash)).toBeUndefined();
        expect((await repo.sessions.getWithOwner(kept[0]?.sessionHash ?? ""))?.session).toStrictEqual(kept[0]);
        // A session's audit trail outlives it: audit events are kept on their own retention.
        const trail = await repo.auditEvents.listByEntity("session", expired[0]?.sessionId ?? "", {});
        expect(trail.items.map((e) => e.action)).toEqual(["session.started"]);
      },
    );
  });
}
