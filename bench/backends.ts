import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPglite, openPostgres } from "../src/db/client.js";
import { createDrizzleRepository } from "../src/repositories/drizzle/drizzle-repository.js";
import type { Repository } from "../src/repositories/repository.js";

export type BenchBackend = { name: string; open(): Promise<Repository>; cleanup?(): Promise<void> };

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

/** Each open() is a fresh, empty store; cleanup() removes the last one. */
export function pgliteBench(): BenchBackend {
  let dir = "";
  return {
    name: "pglite",
    async open() {
      dir = mkdtempSync(join(tmpdir(), "bench-pglite-"));
      return createDrizzleRepository(await openPglite({ dataDir: dir }));
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBench(): BenchBackend {
  let database = "";
  return {
    name: "postgres",
    async open() {
      database = `bench_${randomBytes(4).toString("hex")}`;
      const url = new URL(ADMIN_URL);
      url.pathname = `/${database}`;
      await admin(`CREATE DATABASE ${database}`);
      return createDrizzleRepository(await openPostgres(url.toString()));
    },
    cleanup: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
}
