import { describe, expect, it } from "vitest";
import { TEXT_TO_JSON, timestampJson } from "../../src/repositories/drizzle/postgres-text-json.js";
import { RowLiteralReader } from "../../src/repositories/drizzle/row-literal.js";

describe("Postgres text output -> export JSON", () => {
  it("prints timestamps as Date#toISOString does, whatever the session's time zone", () => {
    const cases: [string, string][] = [
      ["2026-07-01 09:00:00+00", "2026-07-01T09:00:00.000Z"],
      ["2026-07-01 09:00:00.123+00", "2026-07-01T09:00:00.123Z"],
      ["2026-07-01 09:00:00.5+00", "2026-07-01T09:00:00.500Z"],
      ["2026-07-01 09:00:00.123456+00", "2026-07-01T09:00:00.123Z"],
      ["2026-07-01 11:00:00.25+02", "2026-07-01T09:00:00.250Z"],
      ["2026-07-01 03:30:00-05:30", "2026-07-01T09:00:00.000Z"],
      ["2026-01-01 00:10:00+00:53:28", "2025-12-31T23:16:32.000Z"],
      ["0050-06-01 01:00:00+01", "0050-06-01T00:00:00.000Z"],
    ];
    for (const [text, iso] of cases) expect([text, timestampJson(text)]).toEqual([text, JSON.stringify(iso)]);
    expect(() => timestampJson("07/01/2026 09:00:00 UTC")).toThrow(/DateStyle must be ISO/);
  });

  it("renders each column type, and refuses what it does not recognise", () => {
    expect(TEXT_TO_JSON.PgBoolean?.("t")).toBe("true");
    expect(TEXT_TO_JSON.PgBoolean?.("f")).toBe("false");
    expect(() => TEXT_TO_JSON.PgBoolean?.("yes")).toThrow();
    expect(TEXT_TO_JSON.PgInteger?.("-12")).toBe("-12");
    expect(TEXT_TO_JSON.PgDateString?.("2026-02-28")).toBe('"2026-02-28"');
    expect(() => TEXT_TO_JSON.PgDateString?.("02/28/2026")).toThrow(/DateStyle/);
    expect(TEXT_TO_JSON.PgJsonb?.('{"type": "url", "label": "x", "a": [1.0, {"z": 1, "b": 2}]}')).toBe(
      '{"a":[1,{"b":2,"z":1}],"label":"x","type":"url"}',
    );
    expect(TEXT_TO_JSON.PgText?.('a "b"\n')).toBe(JSON.stringify('a "b"\n'));
  });

  it("reads row literals: NULL, empty, quoted, doubled quotes and backslashes, several in a row", () => {
    const reader = new RowLiteralReader('(a,,"","x ""y"" \\\\z",)\n("(1,2)",b,c,d,"")');
    const rows: (string | null)[][] = [];
    while (!reader.done) {
      reader.open();
      rows.push(Array.from({ length: 5 }, (_, i) => reader.field(i === 4)));
      reader.close("\n");
    }
    expect(rows).toEqual([
      ["a", null, "", 'x "y" \\z', null],
      ["(1,2)", "b", "c", "d", ""],
    ]);
    const short = new RowLiteralReader("(a,b)");
    short.open();
    short.field(false);
    expect(() => short.field(false)).toThrow(/row literal/);
  });
});
