import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseHandle = { kind: "pglite" | "postgres"; db: Db; close(): Promise<void> };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Opens (or creates) an embedded database; `loadDataDir` starts from a dumped, migrated copy. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  await migratePglite(db, { migrationsFolder });
  return { kind: "pglite", db: db as unknown as Db, close: () => client.close() };
}

/** Connects to Postgres through `pg` and applies the migrations. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client whose connection drops (a restart, a failover) must not crash the process.
  pool.on("error", (error) => console.warn(`postgres: idle connection lost: ${error.message}`));
  const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" });
  await migrateNodePg(db, { migrationsFolder });
  return { kind: "postgres", db: db as unknown as Db, close: () => pool.end() };
}
