import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type DynamoLocal, startDynamoLocal } from "../src/cli/dynamo-local-process.js";
import { type DatabaseHandle, openPglite, openPostgres } from "../src/db/client.js";
import { withCheckedWrites } from "../src/repositories/checked-writes.js";
import { createDrizzleRepository } from "../src/repositories/drizzle/drizzle-repository.js";
import { createDynamoContext } from "../src/repositories/dynamo/dynamo-context.js";
import { createDynamoRepository } from "../src/repositories/dynamo/dynamo-repository.js";
import { tableNamesWithPrefix } from "../src/repositories/dynamo/tables.js";
import { createLocalTables } from "../src/repositories/dynamo/template-tables.js";
import type { Repository } from "../src/repositories/repository.js";

export type BenchBackend = {
  name: string;
  /** A fresh, empty store. */
  open(): Promise<Repository>;
  /**
   * The store as a server started over this data sees it, after a bulk load: planner statistics
   * current (PGlite gathers them when it opens, having no autovacuum; Postgres's autovacuum would).
   */
  settle?(repo: Repository): Promise<Repository>;
  /** Removes the store the last open() made. */
  cleanup?(): Promise<void>;
  /** Stops anything the backend started for the run. */
  shutdown?(): Promise<void>;
  /** Postgres only: the last store's URL, and a raw handle to a fresh migrated database. */
  url?(): string;
  openHandle?(): Promise<DatabaseHandle>;
};

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
      return withCheckedWrites(createDrizzleRepository(await openPglite({ dataDir: dir })));
    },
    async settle(repo) {
      await repo.close();
      return withCheckedWrites(createDrizzleRepository(await openPglite({ dataDir: dir })));
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBench(): BenchBackend {
  let database = "";
  const urlOf = (name: string) => {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    name: "postgres",
    url: () => urlOf(database),
    async openHandle() {
      database = `bench_${randomBytes(4).toString("hex")}`;
      await admin(`CREATE DATABASE ${database}`);
      return openPostgres(urlOf(database));
    },
    async open() {
      database = `bench_${randomBytes(4).toString("hex")}`;
      const url = new URL(ADMIN_URL);
      url.pathname = `/${database}`;
      await admin(`CREATE DATABASE ${database}`);
      return withCheckedWrites(createDrizzleRepository(await openPostgres(url.toString())));
    },
    async settle(repo) {
      const client = new pg.Client({ connectionString: urlOf(database) });
      await client.connect();
      await client.query("analyze").finally(() => client.end());
      return repo;
    },
    cleanup: () => dropDatabase(database),
  };
}

/**
 * A closed pool's connections end a moment after close() resolves (pg-pool sends Terminate without
 * waiting): dropping the database under them makes each report "idle connection lost". Wait up to 2 s.
 */
async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    for (let tries = 0; tries < 100; tries++) {
      const { rows } = await client.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** DynamoDB Local started for the run; each open() gets the template's tables under a fresh prefix. */
export function dynamoBench(): BenchBackend {
  let local: DynamoLocal | undefined;
  return {
    name: "dynamodb",
    async open() {
      local ??= await startDynamoLocal();
      const tables = tableNamesWithPrefix(`bench-${randomBytes(4).toString("hex")}-`);
      const ctx = createDynamoContext({ endpoint: local.endpoint, region: "us-east-1", tables });
      await createLocalTables(ctx.client, tables);
      return withCheckedWrites(createDynamoRepository(ctx));
    },
    async cleanup() {},
    async shutdown() {
      await local?.stop();
    },
  };
}

/** Every bench backend by name: the command line and the bench server choose from these. */
export const BENCH_BACKENDS = { pglite: pgliteBench, postgres: postgresBench, dynamodb: dynamoBench };
