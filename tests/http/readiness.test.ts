import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import type { DynamoContext } from "../../src/repositories/dynamo/dynamo-context.js";
import { type Backend, openDynamo, openPostgresHandle, pgliteBackend } from "../support/backends.js";
import { withAdmin } from "../support/postgres-admin.js";
import { startHarness } from "./harness.js";

/** Readiness on each backend: 200 while the store answers, 503 once it is gone, while liveness stays 200. */
describe("HTTP: readiness", () => {
  async function expectReadyThenUnavailable(backend: Backend, breakStore: () => Promise<void>) {
    const h = await startHarness(backend);
    try {
      expect(await h.call("GET", "/api/ready", { as: null })).toEqual({
        status: 200,
        body: { status: "ok", storage: backend.name },
      });
      await breakStore();
      const res = await h.request("GET", "/api/ready", { as: null });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error: {
          code: "unavailable",
          message: "the store cannot be reached",
          details: {},
          requestId: res.headers.get("x-request-id"),
        },
      });
      expect((await h.call("GET", "/api/health", { as: null })).status).toBe(200);
    } finally {
      await h.close().catch(() => undefined);
    }
  }

  it("PGlite: 503 once the embedded store is closed", async () => {
    let close: (() => Promise<void>) | undefined;
    const backend: Backend = {
      name: "pglite",
      async open() {
        const repo = await pgliteBackend.open();
        close = () => repo.close();
        return repo;
      },
    };
    await expectReadyThenUnavailable(backend, async () => close?.());
  });

  it("Postgres: 503 once its database is gone", async () => {
    let url = "";
    const backend: Backend = {
      name: "postgres",
      async open() {
        const opened = await openPostgresHandle();
        url = opened.url;
        return createDrizzleRepository(opened.handle);
      },
    };
    await expectReadyThenUnavailable(backend, async () => {
      const database = new URL(url).pathname.slice(1);
      await withAdmin((admin) => admin.query(`DROP DATABASE ${database} WITH (FORCE)`));
    });
  });

  it("DynamoDB: 503 once its tables are gone", async () => {
    let ctx: DynamoContext | undefined;
    const backend: Backend = {
      name: "dynamodb",
      async open() {
        const opened = await openDynamo();
        ctx = opened.ctx;
        return opened.repo;
      },
    };
    await expectReadyThenUnavailable(backend, async () => {
      for (const table of Object.values(ctx?.tables ?? {}))
        await ctx?.client.send(new DeleteTableCommand({ TableName: table }));
    });
  });
});
