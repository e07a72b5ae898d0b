import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";
import { postForm, sessionCookieOf, signIn } from "./portal-client.js";

/** Sign-in, the session cookie and what ends a session, over the app's own request handling. */
describe("portal sessions", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a page without a session sends the visitor to sign in, coming back afterwards", async () => {
    const res = await h.app.request("/bundles?status=completed");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fbundles%3Fstatus%3Dcompleted");
  });

  it("a token exchanges for an HttpOnly, SameSite=Lax cookie, Secure only over HTTPS", async () => {
    const plain = await postForm(h, "/sign-in", { token: h.tokens.operator, next: "/bundles" });
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe("/bundles");
    const cookie = plain.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const secure = await postForm(h, "/sign-in", { token: h.tokens.operator }, { "x-forwarded-proto": "https" });
    expect(secure.headers.get("set-cookie") ?? "").toMatch(/Secure/);
    // Only the hash is stored: the cookie's secret is nowhere in the store's session.
    const secret = (sessionCookieOf(plain) ?? "").split("=")[1] ?? "";
    const sessions = await h.repo.sessions.listByUser(h.users.operator.userId, { limit: 50 });
    expect(sessions.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(sessions.items)).not.toContain(secret);
  });

  it("a bad, disabled user's or unknown token is refused in words, sets no cookie, and never follows another host", async () => {
    for (const token of ["we_wrong", h.tokens.disabled, ""]) {
      const res = await postForm(h, "/sign-in", { token, next: "/" });
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await res.text()).toContain("that token is not valid");
    }
    for (const next of ["//evil.example/", "/\\evil.example", "https://evil.example/"]) {
      const res = await postForm(h, "/sign-in", { token: h.tokens.viewer, next });
      expect(res.headers.get("location")).toBe("/");
    }
  });

  it("a sign-in posted from another site is refused", async () => {
    const res = await postForm(h, "/sign-in", { token: h.tokens.operator }, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("sign-out needs the form's token and our own site; twice at once is still a sign-out", async () => {
    const client = await signIn(h, "operator");
    const noToken = await postForm(h, "/sign-out", {}, { cookie: client.cookie });
    expect(noToken.status).toBe(403);
    const foreign = await client.post("/sign-out", {}, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect((await client.get("/")).status).toBe(200);
    const both = await Promise.all([client.post("/sign-out", {}), client.post("/sign-out", {})]);
    expect(both.map((r) => [r.status, r.headers.get("location")])).toEqual([
      [303, "/sign-in?signed-out=1"],
      [303, "/sign-in?signed-out=1"],
    ]);
    expect((await client.get("/")).status).toBe(303);
  });

  it("signing in again from the same browser ends the session it held", async () => {
    const first = await signIn(h, "operator");
    const again = await postForm(h, "/sign-in", { token: h.tokens.operator }, { cookie: first.cookie });
    expect(again.status).toBe(303);
    expect((await first.get("/")).status).toBe(303);
    expect(sessionCookieOf(again)).not.toBe(first.cookie);
  });

  it("behind a proxy that rewrites Host, the forwarded host is our own site", async () => {
    const client = await signIn(h, "viewer");
    const proxied = await client.post(
      "/sign-out",
      {},
      { host: "internal:3000", origin: "https://portal.example.com", "x-forwarded-host": "portal.example.com" },
    );
    expect(proxied.status).toBe(303);
  });

  it("pages are private and framed by no one", async () => {
    const client = await signIn(h, "viewer");
    const res = await client.get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(await res.text()).toMatch(/^<!DOCTYPE html><html lang="en">/);
  });

  it("a session ends when it expires, when its user signs out, and when its user is disabled", async () => {
    const expiring = await signIn(h, "operator");
    h.setNow("2026-03-03T09:00:01.000Z"); // past the default 12 hours
    const expired = await expiring.get("/");
    expect(expired.status).toBe(303);
    expect(expired.headers.get("set-cookie") ?? "").toMatch(/we_session=;/);
    h.setNow("2026-03-02T09:00:00.000Z");

    const leaving = await signIn(h, "operator");
    const out = await leaving.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/sign-in?signed-out=1");
    expect((await leaving.get("/")).status).toBe(303);

    const person = await h.call("POST", "/api/users", {
      body: { name: "Dora", email: "dora@example.com", role: "viewer" },
    });
    const issued = await h.call("POST", `/api/users/${person.body.userId}/tokens`, { body: {} });
    const doomed = await signIn(h, { token: issued.body.token });
    expect((await doomed.get("/")).status).toBe(200);
    const disabled = await h.call("PATCH", `/api/users/${person.body.userId}`, {
      body: { expectedVersion: person.body.version, disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect((await doomed.get("/")).status).toBe(303);
    const revoked = await h.repo.sessions.listByUser(person.body.userId, { limit: 10 });
    expect(revoked.items.map((s) => s.revokedAt !== undefined)).toEqual([true]);
    const again = await h.call("PATCH", `/api/users/${person.body.userId}`, {
      body: { expectedVersion: disabled.body.version, disabled: false },
    });
    expect(again.status).toBe(200);
    // Re-enabled, the user signs in anew; the old session stays revoked.
    expect((await doomed.get("/")).status).toBe(303);
  });
});
