import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SWAGGER_UI_FILES, swaggerUiDir } from "../../src/routes/api-docs-assets.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

const notFound = {
  error: { code: "not_found", message: expect.any(String), details: {}, requestId: expect.any(String) },
};

describe("HTTP: the API reference page and its assets", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(() => h.close());

  const get = (path: string) => h.request("GET", path, { as: null });
  const assetUrls = (html: string) => [...html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((m) => m[1]);

  it("serves /docs without a token: HTML under a CSP, with no inline script", async () => {
    const res = await get("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(assetUrls(html).map((url) => url?.replace(/\?v=.*/, ""))).toEqual([
      "/docs/assets/swagger-ui.css",
      "/docs/assets/favicon-32x32.png",
      "/docs/assets/swagger-ui-bundle.js",
      "/docs/assets/docs-init.js",
    ]);
  });

  it("serves every asset the page names, byte for byte from swagger-ui-dist, typed and long-cached", async () => {
    const html = await (await get("/docs")).text();
    const types: Record<string, string> = {};
    for (const url of assetUrls(html)) {
      const res = await get(url ?? "");
      expect([url, res.status, res.headers.get("cache-control")]).toEqual([
        url,
        200,
        "public, max-age=31536000, immutable",
      ]);
      const name = new URL(url ?? "", "http://x").pathname.split("/").pop() ?? "";
      types[name] = res.headers.get("content-type") ?? "";
      const body = Buffer.from(await res.arrayBuffer());
      if (SWAGGER_UI_FILES.has(name)) expect(body.equals(readFileSync(join(swaggerUiDir(), name)))).toBe(true);
      else expect(body.toString()).toContain('url: "/openapi.json"');
    }
    expect(types).toEqual({
      "swagger-ui.css": "text/css; charset=utf-8",
      "favicon-32x32.png": "image/png",
      "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
      "docs-init.js": "text/javascript; charset=utf-8",
    });
  });

  it("answers 404 in the error envelope to anything off the list: traversal, other package files, prototype keys", async () => {
    for (const path of [
      "/docs/assets/..%2Fpackage.json",
      "/docs/assets/..%2f..%2fpackage.json",
      "/docs/assets/%2e%2e%2fpackage.json",
      "/docs/assets/..%5Cpackage.json",
      "/docs/assets/package.json",
      "/docs/assets/index.html",
      "/docs/assets/swagger-ui-bundle.js.map",
      "/docs/assets/swagger-ui.js",
      "/docs/assets/SWAGGER-UI.CSS",
      "/docs/assets/constructor",
      "/docs/assets/__proto__",
      "/docs/assets/",
      "/docs/assets/swagger-ui.css/x",
    ]) {
      const res = await get(path);
      expect([path, res.status, await res.json()]).toEqual([path, 404, notFound]);
    }
  });

  it("keeps /docs out of the API contract", async () => {
    const doc = (await (await get("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => path.startsWith("/docs"))).toEqual([]);
    expect(Object.keys(doc.paths)).toContain("/api/tasks/{id}");
  });
});
