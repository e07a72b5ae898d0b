import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { is, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig, type PgDatabase, type PgQueryResultHKT, PgTable } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.js";
import { namedStatements } from "./pg-client.js";
import { startAutoAnalyze } from "./pglite-auto-analyze.js";
import { DRIZZLE_TEXT_PARSERS, drizzleClient } from "./pglite-client.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseHandle = { kind: "pglite" | "postgres"; db: Db; close(): Promise<void> };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * PGlite's buffer pool lives in this process's memory. Its stock 128 MB mostly duplicates the
 * kernel's page cache, which PGlite reads through, and fills up as a large store is read: an
 * export of 1M tasks peaked 100 MB above one of 100k. 32 MB costs nothing measurable.
 */
const PGLITE_SHARED_BUFFERS = "32MB";

/**
 * Opens (or creates) an embedded database; `loadDataDir` starts from a dumped, migrated copy. A data
 * directory is locked to this process until close() (see data-dir-lock.ts); in memory there is nothing to share.
 */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lock = options.dataDir ? lockDataDir(options.dataDir) : undefined;
  let client: PGlite | undefined;
  try {
    client = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      parsers: DRIZZLE_TEXT_PARSERS,
    });
    const db = drizzlePglite({ client: drizzleClient(client), schema, casing: "snake_case" });
    await migratePglite(db, { migrationsFolder });
    await analyzeTables(db as unknown as Db);
    const stopAnalyzing = startAutoAnalyze(db as unknown as Db);
    const opened = client;
    const close = () => {
      stopAnalyzing();
      return opened.close().finally(() => lock?.release());
    };
    return { kind: "pglite", db: db as unknown as Db, close };
  } catch (error) {
    await client?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

/**
 * PGlite runs no autovacuum, so nothing else gathers planner statistics. Without them the planner
 * guesses a table's size and, for a page of a few thousand rows, sorts the whole table instead of
 * walking the primary key. Refreshing them at open costs about 10 ms on an empty store, under a
 * second at 100k tasks.
 */
async function analyzeTables(db: Db): Promise<void> {
  const tables = Object.values(schema).filter((value) => is(value, PgTable));
  await db.execute(sql.raw(`analyze ${tables.map((table) => `"${getTableConfig(table).name}"`).join(", ")}`));
}

/** Connects to Postgres through `pg` and applies the migrations. */
export async function openPostgres(
  url: string,
  options: { max?: number; warn?: (msg: string, fields?: Record<string, string>) => void } = {},
): Promise<DatabaseHandle> {
  // A server that cannot be reached fails a request (and /api/ready) in seconds, not after the OS gives up.
  // UTC and ISO dates: reads decode Postgres's text of timestamps and dates (record-literals.ts).
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    options: "-c TimeZone=UTC -c DateStyle=ISO",
  });
  // An idle client whose connection drops (a restart, a failover) must not crash the process.
  const warn = options.warn ?? ((msg, fields) => console.warn(msg, fields));
  pool.on("error", (error) => warn("postgres: idle connection lost", { error: error.message }));
  const db = drizzleNodePg({ client: namedStatements(pool), schema, casing: "snake_case" });
  await migrateNodePg(db, { migrationsFolder });
  return { kind: "postgres", db: db as unknown as Db, close: () => pool.end() };
}
