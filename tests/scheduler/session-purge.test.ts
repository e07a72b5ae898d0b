import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/domain/session.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { runDueWork } from "../../src/scheduler/tick.js";
import { type Backend, dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { movableCtx, withoutWorkflows } from "./scheduler-ctx.js";

const NOW = "2026-03-02T09:00:00.000Z";

function sessionPurge(backend: Backend) {
  describe(`${backend.name}: the scheduler tick and expired sessions`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    it(
      backend.sessionsExpireByTtl
        ? "leaves expired sessions to the table's TTL: sessionsPurged is 0"
        : "deletes expired sessions (sessionsPurged), revoked or not, and keeps live ones",
      async () => {
        const u = f.user();
        await repo.users.create(u, f.audit("user", u.userId));
        const store = async (over: Partial<Session>) => {
          const s = f.session(u.userId, over);
          await repo.sessions.create(s, f.audit("session", s.sessionId, { action: "session.started" }));
          return s;
        };
        const expired = [
          await store({ expiresAt: "2026-03-01T09:00:00.000Z" }),
          await store({ expiresAt: NOW, revokedAt: "2026-03-01T08:00:00.000Z" }),
        ];
        const live = [
          await store({ expiresAt: "2026-03-02T09:00:00.001Z" }),
          await store({ expiresAt: "2026-03-03T09:00:00.000Z", revokedAt: "2026-03-01T08:00:00.000Z" }),
        ];
        const { ctx } = movableCtx(repo, withoutWorkflows(await loadCatalog()), NOW);
        const listed = async () => (await repo.sessions.listByUser(u.userId, {})).items.map((s) => s.sessionId);

        const counts = await runDueWork(ctx, { log: silentLogger }, "session-gc-test");
        const kept = backend.sessionsExpireByTtl ? [...expired, ...live] : live;
        expect(counts.sessionsPurged).toBe(backend.sessionsExpireByTtl ? 0 : expired.length);
        expect(await listed()).toEqual(kept.map((s) => s.sessionId).sort());
        expect((await runDueWork(ctx, { log: silentLogger }, "session-gc-test")).sessionsPurged).toBe(0);
      },
    );
  });
}

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) sessionPurge(backend);
