import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { Repository } from "../../src/repositories/repository.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { pgliteBackend } from "../support/backends.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";

describe("HTTP: health, workflows, OpenAPI", () => {
  let repo: Repository;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    repo = await pgliteBackend.open();
    const ctx = testCtx(repo, await loadCatalog());
    await registerWorkflowVersions(ctx);
    app = createApp({ makeCtx: () => ctx, storage: "pglite" });
  });
  afterAll(() => repo.close());

  it("answers health", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", storage: "pglite" });
  });

  it("lists the loaded workflows with their current version", async () => {
    const res = await app.request("/api/workflows");
    const body = (await res.json()) as {
      items: { workflowId: string; taskCount: number; currentVersion: { version: number } }[];
    };
    expect(res.status).toBe(200);
    expect(body.items.map((w) => [w.workflowId, w.taskCount, w.currentVersion.version])).toEqual([
      ["newsletter-issue", 10, 1],
      ["podcast-episode", 12, 1],
      ["tax-report", 10, 1],
    ]);
  });

  it("answers unknown routes with the error envelope", async () => {
    const res = await app.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "no route for GET /api/nothing-here", details: {} },
    });
  });

  it("documents every route in /openapi.json", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(["/api/health", "/api/workflows"]);
  });
});
