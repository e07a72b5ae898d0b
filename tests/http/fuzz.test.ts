import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/domain/errors.js";
import { pgliteBackend, postgresBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

type Schema = { properties?: Record<string, unknown> };

describe("HTTP: generated bodies on every POST, PATCH and PUT route", () => {
  let h: Harness;
  let targets: { method: string; path: string; fields: string[]; hasBody: boolean }[];
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const created = (
      await h.call("POST", "/api/bundles", {
        body: { workflowId: "podcast-episode", title: "Fuzz", anchorDate: "2026-03-20" },
      })
    ).body;
    const taskId = created.tasks[0].taskId;
    const doc = (await h.call("GET", "/openapi.json", { as: null })).body;
    targets = Object.entries(
      doc.paths as Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Schema } | undefined> } }>
      >,
    ).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ["post", "patch", "put"].includes(method))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          path: path
            .replace(
              "{id}",
              path.startsWith("/api/users")
                ? h.users.admin.userId
                : path.startsWith("/api/bundles")
                  ? created.bundle.bundleId
                  : taskId,
            )
            .replace("{workflowId}", "podcast-episode"),
          fields: Object.keys(op.requestBody?.content["application/json"]?.schema.properties ?? {}),
          hasBody: op.requestBody !== undefined,
        })),
    );
  });
  afterAll(() => h.close());

  it("refuses NUL characters in paths, queries, bodies and keys with a 400, on Postgres too", async () => {
    const pg = await startHarness(postgresBackend);
    try {
      const probes = [
        await pg.call("POST", "/api/tasks", { body: { description: "a\u0000b", date: "2026-03-03" } }),
        await pg.call("POST", "/api/tasks", { body: { description: "ok", date: "2026-03-03", tags: ["x\u0000"] } }),
        await pg.call("POST", "/api/artifacts", {
          body: { type: "other", title: "t", storageUri: "https://example.com/a", metadata: { "k\u0000": 1 } },
        }),
        await pg.call("GET", "/api/tasks/tsk_%00x"),
        await pg.call("GET", "/api/users/%00"),
        await pg.call("GET", "/api/audit-events?entityType=task&entityId=%00"),
        await pg.call("GET", "/api/tasks/%E0%A4%A"),
      ];
      expect(probes.map((p) => [p.status, p.body.error.code])).toEqual(Array(7).fill([400, "validation_failed"]));
      const literal = await pg.call("POST", "/api/tasks", {
        body: { description: "a literal \\u0000 is fine", date: "2026-03-03" },
      });
      expect(literal.status).toBe(201);
    } finally {
      await pg.close();
    }
  });

  it("never answers 5xx, and every refusal is the error envelope", async () => {
    expect(targets.length).toBeGreaterThan(15);
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom("2026-02-31", "https://x.example/a?token=1", "", " ", -1, 0, 1, 1e308, "tsk_x", "usr_host"),
    );
    for (const target of targets) {
      const bodies = fc.oneof(
        fc.jsonValue(),
        target.fields.length > 0
          ? fc.record(Object.fromEntries(target.fields.map((f) => [f, value])), { requiredKeys: [] })
          : fc.constant({}),
        target.fields.length > 0
          ? fc.record(
              {
                expectedVersion: fc.integer({ min: -2, max: 3 }),
                ...Object.fromEntries(target.fields.map((f) => [f, value])),
              },
              { requiredKeys: ["expectedVersion"] },
            )
          : fc.constant({}),
      );
      await fc.assert(
        fc.asyncProperty(bodies, fc.constantFrom("admin", "operator"), async (payload, as) => {
          const res = await h.call(target.method, target.path, { as, body: payload });
          expect([target.method, target.path, res.status < 500]).toEqual([target.method, target.path, true]);
          if (res.status >= 400) expect(ERROR_CODES).toContain(res.body?.error?.code);
        }),
        { numRuns: 40, seed: 4242 },
      );
      const malformed = await h.call(target.method, target.path, {
        raw: "{not json",
        headers: { "content-type": "application/json" },
      });
      const expected = target.hasBody ? "validation_failed" : "read_only";
      expect([target.path, malformed.status < 500, malformed.body?.error?.code]).toEqual([target.path, true, expected]);
      const wrongType = await h.call(target.method, target.path, {
        raw: "a=1",
        headers: { "content-type": "text/plain" },
      });
      expect([target.path, wrongType.status < 500, ERROR_CODES.includes(wrongType.body?.error?.code)]).toEqual([
        target.path,
        true,
        true,
      ]);
    }
  });
});
