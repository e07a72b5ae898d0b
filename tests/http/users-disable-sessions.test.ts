import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import { sessionUser, startSession } from "../../src/services/sessions.js";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";
import { type Harness, startHarness } from "./harness.js";

const HOUR = 3_600_000;

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`HTTP on ${backend.name}: portal sessions of disabled users`, () => {
    let h: Harness;
    let ctx: Ctx;
    beforeAll(async () => {
      h = await startHarness(backend);
      ctx = testCtx(h.repo, await loadCatalog());
    });
    afterAll(() => h.close());

    it("disabling a user over PATCH /api/users/:id revokes its sessions, so re-enabling does not bring them back", async () => {
      const user = await h.call("POST", "/api/users", {
        body: { name: "Portal", email: `portal-${Math.random().toString(36).slice(2)}@example.com`, role: "viewer" },
      });
      const issued = await h.call("POST", `/api/users/${user.body.userId}/tokens`, { body: { name: "laptop" } });
      const started = [
        await startSession(ctx, issued.body.token, HOUR),
        await startSession(ctx, issued.body.token, HOUR),
      ];
      const other = await startSession(ctx, h.tokens.operator, HOUR);
      for (const { secret } of started) expect((await sessionUser(ctx, secret))?.user.userId).toBe(user.body.userId);

      const disabled = await h.call("PATCH", `/api/users/${user.body.userId}`, {
        body: { expectedVersion: 1, disabled: true },
      });
      expect(disabled.status).toBe(200);
      for (const { secret, session } of started) {
        expect(await sessionUser(ctx, secret)).toBeUndefined();
        expect((await h.repo.sessions.get(session.sessionId))?.revokedAt).toEqual(expect.any(String));
        const audit = await h.call("GET", `/api/audit-events?entityType=session&entityId=${session.sessionId}`);
        expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
          "session.started",
          "session.revoked",
        ]);
        expect(audit.body.items.at(-1)).toMatchObject({
          actorId: h.users.admin.userId,
          after: { reason: "user disabled" },
        });
      }
      await h.call("PATCH", `/api/users/${user.body.userId}`, { body: { expectedVersion: 2, disabled: false } });
      for (const { secret } of started) expect(await sessionUser(ctx, secret)).toBeUndefined();
      expect((await sessionUser(ctx, other.secret))?.user.userId).toBe(h.users.operator.userId);
    });
  });
}
