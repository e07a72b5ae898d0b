import type { CalendarDate, Timestamp } from "./dates.js";

/** The only source of "now" for services, so tests can fix it. */
export type Clock = { now(): Timestamp; today(): CalendarDate };

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => new Date().toISOString().slice(0, 10),
};

export function fixedClock(at: Timestamp): Clock {
  return { now: () => at, today: () => at.slice(0, 10) };
}
