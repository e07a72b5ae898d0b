import { z } from "zod";

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The years every backend stores alike: Postgres has no year 0, and `YYYY` has four digits. */
export const FIRST_YEAR = 1;
export const LAST_YEAR = 9999;
const RANGE = `years ${String(FIRST_YEAR).padStart(4, "0")} to ${LAST_YEAR}`;

/** A UTC day from its parts; unlike `Date.UTC`, years 0-99 are not read as 1900-1999. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2026-02-31). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = utcDay(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CalendarDate = z
  .string()
  .regex(DATE_SHAPE, "expected a date as YYYY-MM-DD")
  .refine(isCalendarDate, "not a real calendar date")
  .refine((value) => inRange(Number(value.slice(0, 4))), `dates run over ${RANGE}`);
export type CalendarDate = z.infer<typeof CalendarDate>;

/** ISO-8601 UTC timestamp, as every timestamp crosses the domain boundary. */
export const Timestamp = z.iso
  .datetime({ message: "expected an ISO-8601 UTC timestamp" })
  .refine((value) => inRange(Number(value.slice(0, 4))), `timestamps run over ${RANGE}`);
export type Timestamp = z.infer<typeof Timestamp>;

/**
 * Calendar arithmetic in UTC: month ends and leap years come out right. A result outside the
 * supported years is `undefined`, for the caller to refuse naming the field it came from.
 */
export function addDaysWithin(date: CalendarDate, days: number): CalendarDate | undefined {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const result = utcDay(year, month, day + days);
  if (!inRange(result.getUTCFullYear())) return undefined;
  return `${String(result.getUTCFullYear()).padStart(4, "0")}-${result.toISOString().slice(5, 10)}`;
}

/** A date moved by `days`, for callers whose input was already checked to stay in range. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const result = addDaysWithin(date, days);
  if (result === undefined) throw new RangeError(`${date} moved by ${days} days falls outside ${RANGE}`);
  return result;
}

/** Why `addDaysWithin` gave nothing, in words. */
export const outOfRange = (date: CalendarDate, days: number) => `${date} moved by ${days} days falls outside ${RANGE}`;

/** A day of 24 hours, for instants (lead times, expiries); calendar arithmetic is `addDays`. */
export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC calendar date of a timestamp. */
export function dateOf(timestamp: Timestamp): CalendarDate {
  return timestamp.slice(0, 10);
}

/** True for a time zone the runtime knows by its IANA name (`Europe/Berlin`, `UTC`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .min(1)
  .max(100)
  .refine(isTimeZone, "expected an IANA time zone such as Europe/Berlin or UTC");

/** The runtime's own name for a time zone (`europe/berlin` -> `Europe/Berlin`): what is stored. */
export const canonicalTimeZone = (value: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;

/** A time zone as given in input or configuration, stored under its canonical name. */
export const InputTimeZone = TimeZone.transform(canonicalTimeZone);

/** The calendar date at `timestamp` in `timeZone`. */
export function dateIn(timestamp: Timestamp, timeZone: string): CalendarDate {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(timestamp));
}

/** The hour (0-23) at `timestamp` in `timeZone`. */
export function hourIn(timestamp: Timestamp, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(
    new Date(timestamp),
  );
  return Number(hour);
}
