import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Requests that probing the running server answered with a 500 or took silently; each is now a 4xx. */
for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`HTTP on ${backend.name}: what the probe found`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    it("answers 400 on cursor, never 500, to a cursor a client edited", async () => {
      const forged = [
        ["0000-01-01", "x"],
        ["9999-99-99", "tsk_x"],
        ["../../../etc", "x"],
        [1e20, "x"],
        ["\u0000"],
        ["\ud800", "x"],
        [1, 2],
      ];
      for (const path of ["/api/tasks?status=todo", "/api/users?x=1", "/api/bundles?x=1"]) {
        for (const value of forged) {
          const res = await h.call("GET", `${path.replace("?x=1", "?")}&cursor=${cursorOf(value)}`, { as: "viewer" });
          expect([path, value, res.status]).toEqual([path, value, 400]);
          expect(res.body.error.details.issues[0].path).toBe("cursor");
        }
      }
    });

    it("refuses lone UTF-16 surrogates instead of failing or storing U+FFFD", async () => {
      const user = h.users.viewer;
      const renamed = await h.call("PATCH", `/api/users/${user.userId}`, {
        body: { expectedVersion: user.version, name: "a\ud800b" },
      });
      expect(renamed.status).toBe(400);
      const bundle = await h.call("POST", "/api/bundles", { body: { title: "x\udc00", anchorDate: "2026-03-05" } });
      expect(bundle.status).toBe(400);
      expect((await h.call("GET", `/api/users/${user.userId}`)).body.name).toBe(user.name);
      // A well-formed pair is ordinary text.
      const emoji = await h.call("POST", "/api/bundles", { body: { title: "Launch 🚀", anchorDate: "2026-03-05" } });
      expect(emoji.status).toBe(201);
    });

    it("refuses __proto__ keys in free-form metadata at any depth, rather than dropping them", async () => {
      for (const metadata of ['{"__proto__":{"polluted":1}}', '{"a":{"__proto__":{"x":1}}}']) {
        const raw = `{"type":"external-link","title":"P","storageUri":"https://example.com/p","metadata":${metadata}}`;
        const res = await h.call("POST", "/api/artifacts", {
          as: "operator",
          raw,
          headers: { "content-type": "application/json" },
        });
        expect([metadata, res.status]).toEqual([metadata, 400]);
        expect(JSON.stringify(res.body.error.details.issues)).toContain("__proto__");
      }
    });

    it("issues no token to a disabled user", async () => {
      const res = await h.call("POST", `/api/users/${h.users.disabled.userId}/tokens`, { body: {} });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain("disabled");
    });

    it("refuses a secret hidden behind a prefix in any text field", async () => {
      const issued = await h.call("POST", `/api/users/${h.users.viewer.userId}/tokens`, { as: "viewer", body: {} });
      const res = await h.call("POST", "/api/bundles", {
        body: { title: `E_${issued.body.token}`, anchorDate: "2026-03-05" },
      });
      expect(res.status).toBe(400);
    });
  });
}
