import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRole } from "../../src/domain/roles.js";
import type { UserRole } from "../../src/domain/user.js";
import { PROBE_PATHS } from "../../src/routes/health.js";
import { pgliteBackend } from "../support/backends.js";
import { type Caller, type Harness, startHarness } from "./harness.js";

type Operation = { method: string; path: string; minRole?: UserRole };

describe("HTTP: authentication and roles on every route", () => {
  let h: Harness;
  let operations: Operation[];
  let signed: Operation[];
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const doc = (await h.call("GET", "/openapi.json", { as: null })).body as {
      paths: Record<string, Record<string, { "x-min-role"?: UserRole; "x-auth"?: string }>>;
    };
    const all = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        minRole: op["x-min-role"],
        auth: op["x-auth"],
      })),
    );
    // Signed webhooks take no bearer token: their signature is checked instead (events-api.test.ts).
    signed = all.filter((o) => o.auth === "webhook-signature").map(({ method, path }) => ({ method, path }));
    operations = all
      .filter((o) => o.auth === undefined)
      .map(({ method, path, minRole }) => ({ method, path, minRole }));
  });
  afterAll(() => h.close());

  /** Placeholder IDs; token routes use the caller's own ID, where every role may act for itself. */
  const concrete = (op: Operation, caller: Caller) => {
    const own = op.path.startsWith("/api/users/{id}/tokens") ? h.users[caller].userId : "usr_someone";
    const path = op.path
      .replace("{id}", op.path.startsWith("/api/users") ? own : "tsk_missing")
      .replace("{tokenId}", "tok_missing")
      .replace("{workflowId}", "podcast-episode");
    return op.method === "DELETE" ? `${path}?expectedVersion=1` : path;
  };
  const send = (op: Operation, caller: Caller | null, token?: string) =>
    h.call(op.method, concrete(op, caller ?? "admin"), {
      as: token ? null : caller,
      headers: token ? { authorization: token } : {},
      ...(["POST", "PATCH", "PUT"].includes(op.method) ? { body: {} } : {}),
    });

  it("documents a minimum role for every /api route but health", () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const op of operations.filter((o) => !PROBE_PATHS.includes(o.path)))
      expect([op.path, op.method, op.minRole]).toEqual([
        op.path,
        op.method,
        expect.stringMatching(/^(viewer|operator|admin)$/),
      ]);
  });

  it("marks only the signed webhook route as taking no token, and it refuses an unsigned call", async () => {
    expect(signed).toEqual([{ method: "POST", path: "/api/hooks/{workflowId}" }]);
    const res = await h.call("POST", "/api/hooks/podcast-episode", { as: null, body: {} });
    expect([res.status, res.body.error.code]).toEqual([401, "unauthorized"]);
  });

  it("covers the admin-only routes that write and list backups", () => {
    expect(operations).toEqual(
      expect.arrayContaining([
        { method: "POST", path: "/api/exports", minRole: "admin" },
        { method: "GET", path: "/api/exports", minRole: "admin" },
      ]),
    );
  });

  it("answers the same 401 to no token, a bad token and a disabled user's token, on every route and unknown ones", async () => {
    const unauthorized = {
      error: {
        code: "unauthorized",
        message: "a valid bearer token is required",
        details: {},
        requestId: expect.any(String),
      },
    };
    const all = [
      ...operations.filter((o) => !PROBE_PATHS.includes(o.path)),
      { method: "GET", path: "/api/not-a-route" },
      { method: "DELETE", path: "/api/bundles" },
    ];
    for (const op of all) {
      for (const [caller, token] of [
        [null, undefined],
        [null, "Bearer we_not-a-real-token"],
        [null, "Basic abc"],
        ["disabled", undefined],
      ] as const) {
        const res = await send(op, caller, token);
        expect([op.method, op.path, caller, token, res.status, res.body]).toEqual([
          op.method,
          op.path,
          caller,
          token,
          401,
          unauthorized,
        ]);
      }
    }
    expect((await h.call("GET", "/api/health", { as: null })).status).toBe(200);
    expect((await h.call("GET", "/api/ready", { as: null })).status).toBe(200);
  });

  it("lets each role through exactly the routes its rank allows, and refuses the rest with 403", async () => {
    for (const op of operations.filter((o) => o.minRole)) {
      for (const caller of ["viewer", "operator", "admin"] as const) {
        const res = await send(op, caller);
        const allowed = hasRole(h.users[caller].role, op.minRole as UserRole);
        const outcome =
          res.status === 403 ? "forbidden" : [401, 500].includes(res.status) ? `broken ${res.status}` : "through";
        expect([op.method, op.path, caller, outcome]).toEqual([
          op.method,
          op.path,
          caller,
          allowed ? "through" : "forbidden",
        ]);
      }
    }
  });

  it("refuses a role below x-min-role with 403 before looking at the input, on every method", async () => {
    // Every part invalid: an over-long path ID, unknown and out-of-range query values, JSON that does not parse.
    const invalid = (op: Operation) => `${op.path.replace(/\{\w+\}/g, "x".repeat(201))}?limit=0&unexpected=1`;
    const attempt = (op: Operation, caller: Caller) =>
      h.call(op.method, invalid(op), {
        as: caller,
        raw: ["POST", "PATCH", "PUT"].includes(op.method) ? '{"unclosed":' : undefined,
        headers: { "content-type": "application/json" },
      });
    const refused = new Set<string>();
    for (const op of operations.filter((o) => o.minRole)) {
      const below = (["viewer", "operator"] as const).filter((c) => !hasRole(h.users[c].role, op.minRole as UserRole));
      for (const caller of below) {
        const res = await attempt(op, caller);
        expect([op.method, op.path, caller, res.status, res.body.error.code]).toEqual([
          op.method,
          op.path,
          caller,
          403,
          "forbidden",
        ]);
        refused.add(op.method);
      }
      // From an admin the same request fails on its input (a JSON body to the multipart upload is the
      // wrong media type): so the 403s above came before looking at it.
      if (below.length > 0) {
        const { status } = await attempt(op, "admin");
        expect([op.method, op.path, status]).toEqual([op.method, op.path, op.path === "/api/files" ? 415 : 400]);
      }
    }
    expect([...refused].sort()).toEqual(["DELETE", "GET", "PATCH", "POST"]);
  });

  it("stops a user's tokens the moment the user is disabled, and refuses expired tokens", async () => {
    const created = await h.call("POST", "/api/users", {
      body: { name: "Temp", email: "temp@example.com", role: "operator" },
    });
    const token = (await h.call("POST", `/api/users/${created.body.userId}/tokens`, { body: { expiresInDays: 1 } }))
      .body.token;
    const asTemp = { as: null, headers: { authorization: `Bearer ${token}` } } as const;
    expect((await h.call("GET", "/api/me", asTemp)).status).toBe(200);
    h.setNow("2026-03-03T09:00:00.000Z");
    expect((await h.call("GET", "/api/me", asTemp)).status).toBe(401);
    h.setNow("2026-03-02T09:00:00.000Z");
    await h.call("PATCH", `/api/users/${created.body.userId}`, { body: { expectedVersion: 1, disabled: true } });
    expect((await h.call("GET", "/api/me", asTemp)).status).toBe(401);
    expect(
      (await h.call("POST", "/api/users", { body: { name: "Dup", email: "temp@example.com", role: "viewer" } })).status,
    ).toBe(409);
  });

  it("never demotes or disables the last enabled admin", async () => {
    const solo = await startHarness(pgliteBackend);
    try {
      const admin = solo.users.admin;
      const demote = await solo.call("PATCH", `/api/users/${admin.userId}`, {
        body: { expectedVersion: 1, role: "operator" },
      });
      expect(demote).toMatchObject({
        status: 409,
        body: { error: { code: "conflict", message: expect.stringContaining("last enabled admin") } },
      });
      expect(
        (await solo.call("PATCH", `/api/users/${admin.userId}`, { body: { expectedVersion: 1, disabled: true } }))
          .status,
      ).toBe(409);
      const second = await solo.call("POST", "/api/users", {
        body: { name: "Second", email: "second@example.com", role: "admin" },
      });
      expect(second.status).toBe(201);
      expect(
        (await solo.call("PATCH", `/api/users/${admin.userId}`, { body: { expectedVersion: 1, role: "operator" } }))
          .status,
      ).toBe(200);
    } finally {
      await solo.close();
    }
  });

  it("documents every route it serves in /openapi.json", () => {
    const served = new Set(
      h.app.routes
        .filter((r) => r.path.startsWith("/api") && ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(r.method))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`),
    );
    const documented = new Set([...operations, ...signed].map((o) => `${o.method} ${o.path}`));
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect(served.size).toBe(documented.size);
  });
});
