import { describe, expect, it } from "vitest";
import { cronProblem, latestAtOrBefore, latestDue, nextOccurrence } from "../../src/domain/cron.js";

const iso = (d: Date | undefined) => d?.toISOString();
const runs = (pattern: string, tz: string, from: string, n: number) => {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < n; i++) {
    const next = nextOccurrence(pattern, tz, at);
    if (!next) break;
    out.push(next.toISOString());
    at = next;
  }
  return out;
};

describe("cron expressions (five fields, croner)", () => {
  it("reads ranges, lists, steps and names", () => {
    expect(runs("*/20 9-10 * * MON-FRI", "UTC", "2026-11-27T08:00:00Z", 7)).toEqual([
      "2026-11-27T09:00:00.000Z",
      "2026-11-27T09:20:00.000Z",
      "2026-11-27T09:40:00.000Z",
      "2026-11-27T10:00:00.000Z",
      "2026-11-27T10:20:00.000Z",
      "2026-11-27T10:40:00.000Z",
      "2026-11-30T09:00:00.000Z", // Friday 27th, then Monday
    ]);
    expect(runs("0 8 1,15 JAN,JUL *", "UTC", "2026-06-30T00:00:00Z", 3)).toEqual([
      "2026-07-01T08:00:00.000Z",
      "2026-07-15T08:00:00.000Z",
      "2027-01-01T08:00:00.000Z",
    ]);
  });

  it("matches day-of-month OR day-of-week when both are restricted, as classic cron does", () => {
    // The 13th of the month, or any Friday.
    expect(runs("0 0 13 * FRI", "UTC", "2026-01-01T00:00:00Z", 4)).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-09T00:00:00.000Z",
      "2026-01-13T00:00:00.000Z",
      "2026-01-16T00:00:00.000Z",
    ]);
  });

  it("keeps wall-clock time in its time zone across a DST change, and runs a skipped time at the next valid minute", () => {
    // Europe/Berlin leaves winter time on 2026-03-29: 09:00 local is 08:00Z before and 07:00Z after.
    expect(runs("0 9 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 2)).toEqual([
      "2026-03-28T08:00:00.000Z",
      "2026-03-29T07:00:00.000Z",
    ]);
    // 02:30 does not exist on 2026-03-29 in Berlin: it runs at 03:00 local (01:00Z).
    expect(runs("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 1)).toEqual(["2026-03-29T01:00:00.000Z"]);
  });

  it("catches up with the latest missed occurrence only, counting the ones it passes over", () => {
    const first = new Date("2026-03-02T09:00:00Z");
    const caught = latestDue("0 9 * * *", "UTC", first, new Date("2026-03-06T12:00:00Z"));
    expect(iso(caught.latest)).toBe("2026-03-06T09:00:00.000Z");
    expect(caught.skipped).toBe(4);
    expect(iso(caught.next)).toBe("2026-03-07T09:00:00.000Z");
    const onTime = latestDue("0 9 * * *", "UTC", first, new Date("2026-03-02T09:00:30Z"));
    expect([iso(onTime.latest), onTime.skipped]).toEqual(["2026-03-02T09:00:00.000Z", 0]);
    expect(iso(latestAtOrBefore("0 9 * * 1", "UTC", new Date("2026-03-08T00:00:00Z")))).toBe(
      "2026-03-02T09:00:00.000Z",
    );
  });

  it("refuses what is not a usable five-field expression, in words", () => {
    expect(cronProblem("0 9 * * 1")).toBeUndefined();
    expect(cronProblem("0 9 * *")).toMatch(/5-field/);
    expect(cronProblem("0 0 9 * * 1")).toMatch(/5-field/);
    expect(cronProblem("61 * * * *")).toMatch(/minute/);
    expect(cronProblem("0 9 * FOO *")).toBeDefined();
    expect(cronProblem("@weekly")).toMatch(/5-field/);
  });
});
