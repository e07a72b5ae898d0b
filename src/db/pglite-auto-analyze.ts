import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

type AnyDb = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/**
 * PGlite runs no autovacuum, so planner statistics stay as they were when the store opened: a store
 * that grows while the server runs keeps plans made for empty tables, and each foreign-key check of
 * an insert scans its whole referenced table (instantiating a bundle fell from 157/s to 60/s within
 * 7,000 tasks). This re-analyzes, as autovacuum would, each table changed by more than 50 rows plus
 * 10% of its size since its last analysis.
 */
export async function analyzeChangedTables(db: AnyDb): Promise<string[]> {
  const result = (await db.execute(sql`
    select relname from pg_stat_user_tables
    where schemaname = 'public' and n_mod_since_analyze > 50 + 0.1 * n_live_tup`)) as unknown as {
    rows: { relname: string }[];
  };
  const tables = result.rows.map((row) => row.relname).filter((name) => /^[a-z_][a-z0-9_]*$/.test(name));
  if (tables.length > 0) await db.execute(sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(", ")}`));
  return tables;
}

/** Checks every `intervalMs` while the store is open; the timer never keeps the process alive. */
export function startAutoAnalyze(db: AnyDb, intervalMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // A failed check (the store closing under it) is retried at the next interval.
    analyzeChangedTables(db)
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
