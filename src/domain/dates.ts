import { z } from "zod";

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2026-02-31). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const CalendarDate = z
  .string()
  .regex(DATE_SHAPE, "expected a date as YYYY-MM-DD")
  .refine(isCalendarDate, "not a real calendar date");
export type CalendarDate = z.infer<typeof CalendarDate>;

/**
 * ISO-8601 UTC timestamp, as every timestamp crosses the domain boundary. Year 0000 is refused:
 * Postgres has no year zero, and a timestamp one store cannot hold must not pass the domain.
 */
export const Timestamp = z.iso
  .datetime({ message: "expected an ISO-8601 UTC timestamp" })
  .refine((value) => !value.startsWith("0000"), "expected an ISO-8601 UTC timestamp from year 0001");
export type Timestamp = z.infer<typeof Timestamp>;

/** Calendar arithmetic in UTC: month ends and leap years come out right. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The UTC calendar date of a timestamp. */
export function dateOf(timestamp: Timestamp): CalendarDate {
  return timestamp.slice(0, 10);
}
