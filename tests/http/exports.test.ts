import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import { createExport } from "../../src/services/create-export.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

describe("HTTP: backups of a running server (POST/GET /api/exports)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const bundle = await h.call("POST", "/api/bundles", {
      body: { workflowId: "newsletter-issue", title: "Backed up", anchorDate: "2026-03-20" },
    });
    expect(bundle.status).toBe(201);
  });
  afterAll(() => h.close());

  it("writes an export that validates clean, answering its name, time and counts", async () => {
    h.setNow("2026-03-02T10:00:00.000Z");
    const res = await h.call("POST", "/api/exports");
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: expect.stringMatching(/^2026-03-02T10-00-00\.000Z-[0-9a-f]{8}$/),
      createdAt: "2026-03-02T10:00:00.000Z",
      counts: { users: 7, bundles: 1, tasks: 10 },
    });
    expect(isAbsolute(res.body.name)).toBe(false);
    const dir = join(h.exportsDir, res.body.name);
    expect(await validateExport(dir)).toEqual([]);
    expect(readdirSync(dir)).toContain("manifest.json");
  });

  it("answers 409, writing nothing, where the deployment keeps no export directory (Lambda)", async () => {
    const ctx = { repo: h.repo, clock: { now: () => "2026-03-02T10:00:00.000Z" }, actor: h.users.admin };
    await expect(createExport(ctx as unknown as Ctx)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("npm run export"),
    });
  });

  it("keeps two exports started at once apart", async () => {
    h.setNow("2026-03-02T11:00:00.000Z");
    const [a, b] = await Promise.all([h.call("POST", "/api/exports"), h.call("POST", "/api/exports")]);
    expect([a?.status, b?.status]).toEqual([201, 201]);
    expect(a?.body.name).not.toBe(b?.body.name);
    for (const res of [a, b]) expect(await validateExport(join(h.exportsDir, res?.body.name))).toEqual([]);
    expect(readdirSync(h.exportsDir).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("lists exports newest first from their manifests, page by page, ignoring anything else", async () => {
    const own = await startHarness(pgliteBackend); // a directory of its own, so the count is this test's
    try {
      const exportAt = async (at: string) => {
        own.setNow(at);
        return (await own.call("POST", "/api/exports")).body;
      };
      await exportAt("2026-03-02T10:00:00.000Z");
      await Promise.all([exportAt("2026-03-02T11:00:00.000Z"), exportAt("2026-03-02T11:00:00.000Z")]);
      mkdirSync(join(own.exportsDir, ".2026-03-02T12-00-00.000Z-00000000.partial-abcd"));
      mkdirSync(join(own.exportsDir, "not-an-export"));
      writeFileSync(join(own.exportsDir, "notes.txt"), "kept by hand\n");
      const newest = await exportAt("2026-03-02T12:00:00.000Z");

      const all = await own.call("GET", "/api/exports");
      expect(all.status).toBe(200);
      expect(all.body.items[0]).toEqual(newest);
      expect(all.body.items.map((e: { createdAt: string }) => e.createdAt)).toEqual([
        "2026-03-02T12:00:00.000Z",
        "2026-03-02T11:00:00.000Z",
        "2026-03-02T11:00:00.000Z",
        "2026-03-02T10:00:00.000Z",
      ]);
      expect(all.body.nextCursor).toBeNull();

      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await own.call(
          "GET",
          `/api/exports?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        );
        names.push(...page.body.items.map((e) => e.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(names).toEqual(all.body.items.map((e: { name: string }) => e.name));
    } finally {
      await own.close();
    }
  });

  it("takes no options: an empty body is fine, a field or a malformed body is a 400", async () => {
    expect((await h.call("POST", "/api/exports", { body: {} })).status).toBe(201);
    const field = await h.call("POST", "/api/exports", { body: { out: "/etc" } });
    expect([field.status, field.body.error.code]).toEqual([400, "validation_failed"]);
    const malformed = await h.call("POST", "/api/exports", {
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "validation_failed"]);
  });

  it("refuses operators and viewers with 403, writing nothing", async () => {
    const before = readdirSync(h.exportsDir);
    for (const as of ["operator", "viewer"] as const) {
      for (const method of ["POST", "GET"]) {
        const res = await h.call(method, "/api/exports", { as });
        expect([as, method, res.status, res.body.error.code]).toEqual([as, method, 403, "forbidden"]);
      }
    }
    expect(readdirSync(h.exportsDir)).toEqual(before);
    expect(existsSync(h.exportsDir)).toBe(true);
  });
});
