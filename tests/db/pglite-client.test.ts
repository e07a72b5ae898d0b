import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIZZLE_TEXT_PARSERS, drizzleClient } from "../../src/db/pglite-client.js";

/** The client Drizzle is given must answer exactly as PGlite does, and keep PGlite's locking. */
describe("the PGlite client with prepared statements", () => {
  let db: PGlite;
  let client: PGlite;
  beforeAll(async () => {
    db = await PGlite.create({ parsers: DRIZZLE_TEXT_PARSERS });
    client = drizzleClient(db);
    await db.exec(`create table t (id text primary key, n integer, ok boolean, at timestamptz, d date, j jsonb)`);
  });
  afterAll(() => db.close());

  it("answers a statement exactly as PGlite's own query, in both row modes, the first time and after", async () => {
    await client.query("insert into t values ($1, $2, $3, $4, $5, $6)", [
      "a",
      7,
      true,
      "2026-03-02T09:00:00.000Z",
      "2026-03-02",
      JSON.stringify({ k: ["x", null] }),
    ]);
    await db.query("insert into t values ('b', null, false, null, null, null)");
    const text = "select * from t where id = any($1) order by id";
    for (const rowMode of ["object", "array"] as const) {
      const expected = await db.query(text, [["a", "b"]], { rowMode });
      for (let i = 0; i < 2; i++) {
        const got = await client.query(text, [["a", "b"]], { rowMode });
        expect(got.rows).toEqual(expected.rows);
        expect(got.fields).toEqual(expected.fields);
      }
    }
    expect((await client.query("update t set n = n + 1 where id = $1", ["a"])).affectedRows).toBe(1);
  });

  it("runs a read issued during another's transaction after it, never inside it", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = client.transaction(async (tx) => {
      await tx.query("insert into t (id) values ($1)", ["c"]);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reading = client.query<{ count: number }>("select count(*)::int as count from t where id = $1", ["c"]);
    let read = false;
    void reading.then(() => {
      read = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(read).toBe(false);
    release();
    await writing;
    expect((await reading).rows).toEqual([{ count: 1 }]);
  });

  it("rolls a transaction back whole when one of its prepared statements fails", async () => {
    await expect(
      client.transaction(async (tx) => {
        await tx.query("insert into t (id) values ($1)", ["d"]);
        await tx.query("insert into t (id) values ($1)", ["a"]); // duplicate key
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect((await client.query("select id from t where id = $1", ["d"])).rows).toEqual([]);
    expect((await client.query("select count(*)::int as n from t", [])).rows).toEqual([{ n: 3 }]);
  });
});
