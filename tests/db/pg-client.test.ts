import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPostgresHandle } from "../support/backends.js";

describe("the Postgres pool Drizzle is given", () => {
  it("sends repeated DML as named prepared statements, in and out of transactions, with the same answers", async () => {
    const { handle } = await openPostgresHandle();
    try {
      const read = () => handle.db.execute(sql`select ${"x"}::text as v, ${2}::int as n`);
      expect(((await read()) as unknown as { rows: unknown[] }).rows).toEqual([{ v: "x", n: 2 }]);
      const prepared = await handle.db.transaction(async (tx) => {
        const inside = (await tx.execute(sql`select ${"y"}::text as v`)) as unknown as { rows: unknown[] };
        expect(inside.rows).toEqual([{ v: "y" }]);
        // pg_prepared_statements lists what this session (the transaction's connection) has prepared.
        const listed = await tx.execute(sql`select name, statement from pg_prepared_statements`);
        return (listed as unknown as { rows: { name: string; statement: string }[] }).rows;
      });
      expect(prepared.map((p) => p.statement)).toContain("select $1::text as v");
      expect(prepared.every((p) => /^we_\d+$/.test(p.name))).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
