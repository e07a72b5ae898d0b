import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/domain/errors.js";
import { pgliteBackend, postgresBackend } from "../support/backends.js";
import { bodyText, fieldValue } from "./fuzz-values.js";
import { type Harness, startHarness } from "./harness.js";

type Schema = { properties?: Record<string, unknown> };

/** A new seed each run, so runs explore; a failure names it, and FUZZ_SEED=<seed> replays that run. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = 120;

describe("HTTP: generated bodies on every POST, PATCH and PUT route", () => {
  let h: Harness;
  let targets: {
    method: string;
    path: string;
    fields: string[];
    hasBody: boolean;
    takesJson: boolean;
    signed: boolean;
  }[];
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
        Record<string, { requestBody?: { content: Record<string, { schema: Schema } | undefined> }; "x-auth"?: string }>
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
          signed: op["x-auth"] === "webhook-signature",
          takesJson: op.requestBody?.content["application/json"] !== undefined,
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
    for (const target of targets) {
      const fields = (extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
        fc.record(
          { ...extra, ...Object.fromEntries(target.fields.map((f) => [f, fieldValue])) },
          {
            requiredKeys: Object.keys(extra),
          },
        );
      const bodies = fc.oneof(
        fc.jsonValue(),
        fieldValue,
        target.fields.length > 0 ? fields() : fc.constant({}),
        target.fields.length > 0
          ? fields({ expectedVersion: fc.oneof(fc.integer({ min: -2, max: 3 }), fieldValue) })
          : fc.constant({}),
      );
      const property = fc.asyncProperty(bodies, fc.constantFrom("admin", "operator"), async (payload, as) => {
        const res = await h.call(target.method, target.path, {
          as,
          raw: bodyText(payload),
          headers: { "content-type": "application/json" },
        });
        expect([target.method, target.path, res.status < 500]).toEqual([target.method, target.path, true]);
        if (res.status >= 400) expect(ERROR_CODES).toContain(res.body?.error?.code);
      });
      await fc.assert(property, { numRuns: RUNS, seed: SEED }).catch((error: Error) => {
        throw new Error(`replay with FUZZ_SEED=${SEED}: ${error.message}`);
      });
      const malformed = await h.call(target.method, target.path, {
        raw: "{not json",
        headers: { "content-type": "application/json" },
      });
      // JSON to a route that takes another type (the multipart upload) is the wrong media type.
      // A signed webhook checks its signature before it reads the body.
      const expected = target.signed
        ? "unauthorized"
        : !target.hasBody
          ? "read_only"
          : target.takesJson
            ? "validation_failed"
            : "unsupported_media_type";
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
  }, 120_000);
});
