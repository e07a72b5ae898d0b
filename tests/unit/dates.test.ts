import { describe, expect, it } from "vitest";
import {
  addDays,
  addDaysWithin,
  CalendarDate,
  daysBetween,
  isCalendarDate,
  Timestamp,
} from "../../src/domain/dates.js";

describe("calendar dates", () => {
  it("accepts only days that exist", () => {
    for (const good of ["2026-02-28", "2028-02-29", "2026-12-31", "2026-01-01"])
      expect(isCalendarDate(good)).toBe(true);
    for (const bad of [
      "2026-02-31",
      "2026-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-1-01",
      "26-01-01",
      "2026-01-01T00:00:00Z",
      "",
    ]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(CalendarDate.safeParse("2026-02-31").success).toBe(false);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-03-31", -21)).toBe("2026-03-10");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-03-01", "2026-04-01")).toBe(31);
    expect(daysBetween("2026-04-01", "2026-03-01")).toBe(-31);
  });

  it("takes timestamps every store can hold: years 0001 to 9999, UTC", () => {
    for (const good of ["0001-01-01T00:00:00Z", "2026-03-02T09:00:00.000Z", "9999-12-31T23:59:59.999Z"])
      expect([good, Timestamp.safeParse(good).success]).toEqual([good, true]);
    for (const bad of ["0000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z", "2026-03-02T09:00:00+01:00", "2026-03-02"])
      expect([bad, Timestamp.safeParse(bad).success]).toEqual([bad, false]);
  });
});

describe("the supported years", () => {
  it("reads years 0001-0099 as themselves, and refuses year 0000 and results past 9999", () => {
    for (const early of ["0001-01-01", "0050-02-28", "0099-12-31", "0004-02-29"]) {
      expect(CalendarDate.safeParse(early).success).toBe(true);
    }
    expect(isCalendarDate("0050-02-29")).toBe(false); // year 50 was no leap year; year 48 was
    expect(isCalendarDate("0048-02-29")).toBe(true);
    expect(CalendarDate.safeParse("0000-01-01").success).toBe(false);
    expect(addDays("0050-12-31", 1)).toBe("0051-01-01");
    expect(addDays("9999-12-30", 1)).toBe("9999-12-31");
    expect(addDaysWithin("9999-12-31", 4)).toBeUndefined();
    expect(addDaysWithin("0001-01-01", -1)).toBeUndefined();
    expect(() => addDays("0001-01-01", -1)).toThrow(/outside years 0001 to 9999/);
  });
});
