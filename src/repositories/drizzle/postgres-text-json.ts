import { sortedKeys } from "../../domain/sorted-keys.js";

/**
 * Postgres's text output of one column value -> the JSON text `toPortable` gives the same value after
 * the driver and row mapping have read it (`fromRow`): the export can skip building records. Each
 * column type of the schema has one renderer; a value in a shape the renderer does not know (a
 * session with a non-ISO DateStyle) is an error, never a silently different export.
 */
export type TextToJson = (text: string) => string;

const ISO_TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;
const UTC_SECONDS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?\+00$/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

/** `2026-07-01 09:00:00.5+00` -> `"2026-07-01T09:00:00.500Z"`, as `Date#toISOString` prints it. */
export function timestampJson(text: string): string {
  return `"${timestampIso(text)}"`;
}

/** `2026-07-01 09:00:00.5+00` -> `2026-07-01T09:00:00.500Z`: Postgres's text of a timestamptz as the domain's ISO string. */
export function timestampIso(text: string): string {
  // The common case, a UTC session and whole seconds or milliseconds, without the regular expression.
  if ((text.length === 22 || text.length === 26) && text.endsWith("+00") && UTC_SECONDS.test(text)) {
    return `${text.slice(0, 10)}T${text.slice(11, 19)}${text.length === 22 ? ".000" : text.slice(19, 23)}Z`;
  }
  const match = ISO_TIMESTAMP.exec(text);
  if (!match) throw new Error(`unexpected timestamp text ${JSON.stringify(text)}: the session's DateStyle must be ISO`);
  const [, year, month, day, hour, minute, second, fraction = "", sign, offH, offM = "0", offS = "0"] = match;
  const millis = `${fraction}000`.slice(0, 3);
  if (offH === "00" && offM === "0" && offS === "0") {
    return `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`;
  }
  const offset = (sign === "-" ? -1 : 1) * (Number(offH) * 3600 + Number(offM) * 60 + Number(offS)) * 1000;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const utc = new Date(0);
  utc.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  utc.setUTCHours(Number(hour), Number(minute), Number(second), Number(millis));
  return new Date(utc.getTime() - offset).toISOString();
}

function dateJson(text: string): string {
  return `"${isoDate(text)}"`;
}

/** A date column's text, checked to be `YYYY-MM-DD` as the domain keeps it. */
export function isoDate(text: string): string {
  if (!ISO_DATE.test(text))
    throw new Error(`unexpected date text ${JSON.stringify(text)}: the session's DateStyle must be ISO`);
  return text;
}

function booleanJson(text: string): string {
  return String(booleanOf(text));
}

/** A boolean column's text, `t` or `f`. */
export function booleanOf(text: string): boolean {
  if (text === "t") return true;
  if (text === "f") return false;
  throw new Error(`unexpected boolean text ${JSON.stringify(text)}`);
}

/** Postgres prints an integer (and a bigint within 2^53) as JavaScript does: optional minus, no leading zeros. */
function integerJson(text: string): string {
  return text;
}

/** jsonb prints `{"b": 1, "a": [1, 2]}`; exports print nested keys sorted and compact. */
function jsonbJson(text: string): string {
  if (text === "[]" || text === "{}") return text;
  return JSON.stringify(sortedKeys(JSON.parse(text)));
}

/** The renderer for each Drizzle column type the schema uses. */
export const TEXT_TO_JSON: Record<string, TextToJson> = {
  PgText: JSON.stringify,
  PgInteger: integerJson,
  PgBigInt53: integerJson,
  PgBoolean: booleanJson,
  PgDateString: dateJson,
  PgTimestamp: timestampJson,
  PgJsonb: jsonbJson,
};
