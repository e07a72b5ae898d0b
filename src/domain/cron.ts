import { Cron } from "croner";

/*
 * Classic five-field cron (minute hour day-of-month month day-of-week), evaluated by croner in a
 * time zone: ranges, lists, steps and names (JAN, MON), and day-of-month OR day-of-week when both are
 * restricted, as classic cron does. A time that a DST change skips runs at the next valid minute.
 */

const FIVE_FIELDS = /^\S+(\s+\S+){4}$/;

/** Why `pattern` is not a usable five-field cron expression, or undefined when it is. */
export function cronProblem(pattern: string): string | undefined {
  if (!FIVE_FIELDS.test(pattern.trim())) return "expected a 5-field cron expression (minute hour day month weekday)";
  try {
    const cron = new Cron(pattern, { timezone: "UTC" });
    if (!cron.nextRun(new Date(0))) return "the expression never matches a time";
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern: /, "") : "invalid cron expression";
  }
}

const schedule = (pattern: string, timeZone: string) => new Cron(pattern, { timezone: timeZone });

/** The first occurrence strictly after `after`, or undefined when there is none. */
export function nextOccurrence(pattern: string, timeZone: string, after: Date): Date | undefined {
  return schedule(pattern, timeZone).nextRun(after) ?? undefined;
}

/**
 * At most this many occurrences are walked (synchronously: about 50 ms) to count what a catch-up
 * skipped; past it the count is a floor and the latest occurrence is found directly.
 */
export const CATCH_UP_WALK_LIMIT = 1_000;

/**
 * The occurrences from `first` (itself an occurrence) up to `until`: the latest of them and how many
 * earlier ones it passes over. With none due, `latest` is undefined. Past CATCH_UP_WALK_LIMIT (a
 * minute-by-minute schedule left off for days) the count is a floor.
 */
export function latestDue(
  pattern: string,
  timeZone: string,
  first: Date,
  until: Date,
): { latest?: Date; skipped: number; next?: Date } {
  if (first > until) return { skipped: 0, next: first };
  const cron = schedule(pattern, timeZone);
  let latest = first;
  let skipped = 0;
  for (;;) {
    const next = cron.nextRun(latest) ?? undefined;
    if (!next || next > until) return { latest, skipped, next };
    if (skipped >= CATCH_UP_WALK_LIMIT) {
      // Past the walk limit, jump to the last occurrence at or before `until`; the count is a floor.
      const last = cron.previousRuns(1, new Date(until.getTime() + 1))[0] ?? next;
      return { latest: last, skipped: skipped + 1, next: cron.nextRun(last) ?? undefined };
    }
    latest = next;
    skipped++;
  }
}

/** The last occurrence at or before `until`, or undefined when there is none. */
export function latestAtOrBefore(pattern: string, timeZone: string, until: Date): Date | undefined {
  return schedule(pattern, timeZone).previousRuns(1, new Date(until.getTime() + 1))[0];
}
