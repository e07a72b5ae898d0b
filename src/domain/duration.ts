import { z } from "zod";

/*
 * ISO-8601 durations as retry delays, timeouts and `delay` steps use them: weeks, days, hours, minutes
 * and (fractional) seconds. Years and months are refused: their length depends on the calendar.
 */
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000] as const;
/** A bound far beyond any sensible delay, so arithmetic on times never leaves the calendar. */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** Milliseconds in `text`, or undefined when it is not a duration this parser accepts. */
export function durationMs(text: string): number | undefined {
  const match = PATTERN.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  return match.slice(1).reduce((sum, part, i) => sum + (part ? Number(part) * (UNIT_MS[i] ?? 0) : 0), 0);
}

export const Duration = z
  .string()
  .max(40)
  .superRefine((text, issue) => {
    const ms = durationMs(text);
    if (ms === undefined)
      issue.addIssue({ code: "custom", message: "expected an ISO-8601 duration such as PT30S, PT5M, PT1H or P1D" });
    else if (ms > MAX_DURATION_MS) issue.addIssue({ code: "custom", message: "at most 366 days (P366D)" });
  });

/** `at` moved forward by `ms`, as a timestamp. */
export function addMs(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}
