import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowSummary } from "../../src/domain/workflow-summary.js";
import type { WorkflowVersion } from "../../src/domain/workflow-version.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

describe("HTTP: health, workflows, errors", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(() => h.close());

  it("answers health without a token", async () => {
    expect(await h.call("GET", "/api/health", { as: null })).toEqual({
      status: 200,
      body: { status: "ok", storage: "pglite" },
    });
  });

  it("lists the loaded workflows with their current version, and their versions", async () => {
    const res = await h.call("GET", "/api/workflows", { as: "viewer" });
    expect(res.status).toBe(200);
    expect(
      (res.body.items as WorkflowSummary[]).map((w) => [w.workflowId, w.taskCount, w.currentVersion.version]),
    ).toEqual([
      ["expense-approval", 6, 1],
      ["newsletter-issue", 10, 1],
      ["podcast-episode", 12, 1],
      ["publishing-pipeline", 7, 1],
      ["tax-report", 10, 1],
    ]);
    const versions = await h.call("GET", "/api/workflows/tax-report/versions", { as: "viewer" });
    expect((versions.body.items as WorkflowVersion[]).map((v) => v.version)).toEqual([1]);
    expect((await h.call("GET", "/api/workflows/nope", { as: "viewer" })).status).toBe(404);
  });

  it("refuses to change definitions over HTTP: they live in Git", async () => {
    for (const [method, path] of [
      ["POST", "/api/workflows"],
      ["PUT", "/api/workflows/tax-report"],
      ["PATCH", "/api/workflows/tax-report"],
      ["DELETE", "/api/workflows/tax-report"],
    ] as const) {
      const res = await h.call(method, path, { body: {} });
      expect([method, res.status, res.body.error.code, res.body.error.message]).toEqual([
        method,
        405,
        "read_only",
        expect.stringContaining("content/workflows/"),
      ]);
    }
  });

  it("answers unknown routes with the error envelope", async () => {
    expect(await h.call("GET", "/api/nothing-here")).toEqual({
      status: 404,
      body: {
        error: {
          code: "not_found",
          message: "no route for GET /api/nothing-here",
          details: {},
          requestId: expect.any(String),
        },
      },
    });
  });

  it("answers 415 to a JSON route sent another content type, and stores nothing", async () => {
    const before = await h.call("GET", "/api/tasks?date=2026-03-09");
    const wrongType = await h.call("POST", "/api/tasks", {
      raw: JSON.stringify({ description: "typed as text", date: "2026-03-09" }),
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
    expect(await h.call("GET", "/api/tasks?date=2026-03-09")).toEqual(before);
  });
});
