import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/client.js";
import { analyzeChangedTables } from "../../src/db/pglite-auto-analyze.js";

describe("PGlite's stand-in for autovacuum's analyze", () => {
  it("re-analyzes a table that grew past the threshold since the store opened, and leaves the others", async () => {
    const handle = await openPglite();
    try {
      const rows = async <T>(query: ReturnType<typeof sql>) =>
        ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
      const estimate = async (table: string) =>
        (await rows<{ n: number }>(sql`select reltuples::int as n from pg_class where relname = ${table}`))[0]?.n;
      await handle.db.execute(sql`insert into users (user_id, name, email, role, created_at, updated_at)
        select 'usr_' || i, 'u', 'u' || i || '@example.com', 'viewer', now(), now() from generate_series(1, 400) i`);
      await handle.db.execute(sql`select pg_stat_force_next_flush()`);
      await handle.db.execute(sql`select 1`); // the flush happens as the session goes idle after a statement
      expect(await estimate("users")).toBeLessThan(400);
      expect(await analyzeChangedTables(handle.db)).toEqual(["users"]);
      expect(await estimate("users")).toBe(400);
      expect(await analyzeChangedTables(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
