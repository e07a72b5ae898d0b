import { addDaysWithin, type CalendarDate, outOfRange } from "../domain/dates.js";
import { ValidationError } from "../domain/errors.js";

/**
 * A task date `days` from a bundle's anchor. One that leaves the supported years is the client's
 * anchor date at fault: 400 on `anchorDate`, before anything is written.
 */
export function anchoredDate(from: CalendarDate, days: number): CalendarDate {
  const date = addDaysWithin(from, days);
  if (date !== undefined) return date;
  const message = outOfRange(from, days);
  throw new ValidationError(message, { issues: [{ path: "anchorDate", message }] });
}
