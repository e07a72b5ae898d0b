import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/domain/api-token-secret.js";
import { pgliteBackend } from "../support/backends.js";
import { type Caller, type Harness, startHarness } from "./harness.js";

type TokenMethod = "GET" | "POST" | "DELETE";

describe("HTTP: API tokens belong to their owner, and their hashes never leave the store", () => {
  let h: Harness;
  let methods: string[];
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const doc = (await h.call("GET", "/openapi.json", { as: null })).body as { paths: Record<string, object> };
    methods = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/users/{id}/tokens"))
      .flatMap(([, operations]) => Object.keys(operations).map((m) => m.toUpperCase()));
  });
  afterAll(() => h.close());

  /** A fresh token of `owner`'s, issued by an admin, so each attempt has a real target. */
  async function tokenOf(owner: Caller) {
    const issued = await h.call("POST", `/api/users/${h.users[owner].userId}/tokens`, { body: { name: "target" } });
    expect(issued.status).toBe(201);
    return { tokenId: issued.body.tokenId as string, secret: issued.body.token as string };
  }
  const works = async (secret: string) =>
    (await h.call("GET", "/api/me", { as: null, headers: { authorization: `Bearer ${secret}` } })).status === 200;

  /** One token operation by `as` on `owner`'s tokens; DELETE revokes a live token of the owner's. */
  async function attempt(method: TokenMethod, as: Caller, owner: Caller) {
    const base = `/api/users/${h.users[owner].userId}/tokens`;
    if (method === "GET") return (await h.call("GET", base, { as })).status;
    if (method === "POST") return (await h.call("POST", base, { as, body: { name: "mine" } })).status;
    const target = await tokenOf(owner);
    const status = (await h.call("DELETE", `${base}/${target.tokenId}?expectedVersion=1`, { as })).status;
    expect(await works(target.secret)).toBe(status !== 204);
    return status;
  }

  it("covers every token route: list, issue and revoke", () => {
    expect(methods.sort()).toEqual(["DELETE", "GET", "POST"]);
  });

  it("lets viewers and operators manage their own tokens, and refuses them anyone else's with 403", async () => {
    const ok = { GET: 200, POST: 201, DELETE: 204 } as const;
    for (const method of methods as TokenMethod[]) {
      for (const as of ["viewer", "operator"] as const) {
        for (const owner of ["viewer", "operator", "admin"] as const) {
          const status = await attempt(method, as, owner);
          expect([method, as, owner, status]).toEqual([method, as, owner, as === owner ? ok[method] : 403]);
        }
      }
    }
  });

  it("lets an admin manage anyone's tokens", async () => {
    const ok = { GET: 200, POST: 201, DELETE: 204 } as const;
    for (const method of methods as TokenMethod[]) {
      for (const owner of ["viewer", "operator"] as const) {
        expect([method, owner, await attempt(method, "admin", owner)]).toEqual([method, owner, ok[method]]);
      }
    }
  });

  it("shows no hash when issuing, listing, refusing a stale revoke, or in the audit trail", async () => {
    const viewer = h.users.viewer.userId;
    const token = (await h.call("POST", `/api/users/${viewer}/tokens`, { as: "viewer", body: { name: "cli" } })).body;
    const hash = hashToken(token.token);
    const revoke = `/api/users/${viewer}/tokens/${token.tokenId}?expectedVersion=1`;
    expect(await works(token.token)).toBe(true);
    expect((await h.call("DELETE", revoke, { as: "viewer" })).status).toBe(204);
    expect(await works(token.token)).toBe(false);
    const stale = await h.call("DELETE", revoke, { as: "viewer" });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        error: { code: "version_conflict", details: { currentVersion: 2, current: { tokenId: token.tokenId } } },
      },
    });
    const answers = [
      token,
      stale.body,
      (await h.call("GET", `/api/users/${viewer}/tokens`, { as: "viewer" })).body,
      (await h.call("GET", `/api/audit-events?entityType=apiToken&entityId=${token.tokenId}`)).body,
    ];
    expect(answers[3].items.map((e: { action: string }) => e.action)).toEqual(["apiToken.issued", "apiToken.revoked"]);
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(hash);
      expect(JSON.stringify(answer)).not.toContain("tokenHash");
    }
  });
});
