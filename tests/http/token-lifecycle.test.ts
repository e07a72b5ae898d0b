import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangedMeanwhileError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import { issueToken } from "../../src/services/api-tokens.js";
import { updateUser } from "../../src/services/user-admin.js";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";
import { type Harness, startHarness } from "./harness.js";

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`HTTP on ${backend.name}: tokens of disabled users, and cursors`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    async function userWithToken(role = "viewer") {
      const user = await h.call("POST", "/api/users", {
        body: { name: "Temp", email: `temp-${Math.random().toString(36).slice(2)}@example.com`, role },
      });
      const issued = await h.call("POST", `/api/users/${user.body.userId}/tokens`, { body: { name: "laptop" } });
      return { user: user.body, auth: { authorization: `Bearer ${issued.body.token}` }, tokenId: issued.body.tokenId };
    }

    it("disabling a user revokes its tokens, so re-enabling does not bring them back", async () => {
      const { user, auth, tokenId } = await userWithToken();
      expect((await h.call("GET", "/api/me", { as: null, headers: auth })).status).toBe(200);
      const disabled = await h.call("PATCH", `/api/users/${user.userId}`, {
        body: { expectedVersion: 1, disabled: true },
      });
      expect(disabled.status).toBe(200);
      const tokens = (await h.call("GET", `/api/users/${user.userId}/tokens`)).body.items;
      expect(tokens).toEqual([expect.objectContaining({ tokenId, revokedAt: expect.any(String) })]);
      await h.call("PATCH", `/api/users/${user.userId}`, { body: { expectedVersion: 2, disabled: false } });
      expect((await h.call("GET", "/api/me", { as: null, headers: auth })).status).toBe(401);
      const audit = await h.call("GET", `/api/audit-events?entityType=apiToken&entityId=${tokenId}`);
      expect(audit.body.items.at(-1)).toMatchObject({ action: "apiToken.revoked", after: { reason: "user disabled" } });
    });

    it("a token issued while the user is being disabled never outlives the disable", async () => {
      const { user } = await userWithToken();
      const admin = testCtx(h.repo, await loadCatalog(), h.users.admin);
      // The disable lands between the issue's read of the user and its write: the issue must fail.
      const racing: Repository = {
        ...h.repo,
        apiTokens: {
          ...h.repo.apiTokens,
          async create(token, audit, unchanged) {
            await updateUser(admin, user.userId, { expectedVersion: 1, disabled: true });
            return h.repo.apiTokens.create(token, audit, unchanged);
          },
        },
      };
      await expect(issueToken({ ...admin, repo: racing }, user.userId, { name: "racing" })).rejects.toBeInstanceOf(
        ChangedMeanwhileError,
      );
      const tokens = (await h.call("GET", `/api/users/${user.userId}/tokens`)).body.items;
      expect(tokens.filter((t: { revokedAt?: string }) => !t.revokedAt)).toEqual([]);
    });

    it("an admin rotates a token by issuing a new one and revoking the old; the old stops at once", async () => {
      const { user, auth, tokenId } = await userWithToken("admin");
      const fresh = await h.call("POST", `/api/users/${user.userId}/tokens`, {
        as: null,
        headers: auth,
        body: { name: "rotated" },
      });
      const revoked = await h.call("DELETE", `/api/users/${user.userId}/tokens/${tokenId}?expectedVersion=1`, {
        as: null,
        headers: { authorization: `Bearer ${fresh.body.token}` },
      });
      expect(revoked.status).toBe(204);
      expect((await h.call("GET", "/api/me", { as: null, headers: auth })).status).toBe(401);
      const me = await h.call("GET", "/api/me", { as: null, headers: { authorization: `Bearer ${fresh.body.token}` } });
      expect(me.body.userId).toBe(user.userId);
    });

    it("a cursor taken from another list never widens what a list returns", async () => {
      const other = await userWithToken();
      await h.call("POST", `/api/users/${other.user.userId}/tokens`, { body: { name: "second" } });
      const theirs = await h.call("GET", `/api/users/${other.user.userId}/tokens?limit=1`);
      expect(theirs.body.nextCursor).toEqual(expect.any(String));
      const mine = h.users.viewer.userId;
      const res = await h.call("GET", `/api/users/${mine}/tokens?cursor=${theirs.body.nextCursor}`, { as: "viewer" });
      if (res.status === 200) {
        expect(res.body.items.every((t: { userId: string }) => t.userId === mine)).toBe(true);
      } else {
        expect(res.status).toBe(400);
        expect(res.body.error.details.issues[0].path).toBe("cursor");
      }
      const garbage = await h.call("GET", `/api/users/${mine}/tokens?cursor=bm90LWEtY3Vyc29y`, { as: "viewer" });
      expect(garbage.status).toBe(400);
    });
  });
}
