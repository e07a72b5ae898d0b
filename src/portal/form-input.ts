import type { Context } from "hono";
import { isCleanText, UNCLEAN_TEXT } from "../domain/clean-text.js";
import { ValidationError } from "../domain/errors.js";
import { CSRF_FIELD } from "./csrf.js";

/** A posted form: its text fields as typed, and its file fields. */
export type PostedForm = { values: Record<string, string>; files: Record<string, File> };

/**
 * The form body as Hono parses it (once: later calls get the same), or a 400 when it cannot be parsed
 * (a multipart body that is not one), never a 500.
 */
export async function readForm(c: Context): Promise<Record<string, string | File>> {
  try {
    return await c.req.parseBody({ all: false });
  } catch {
    throw new ValidationError("the form could not be read: send it as a browser does", {
      issues: [{ path: "(body)", message: "not a form body" }],
    });
  }
}

/** The posted form (parsed once; the CSRF check already read it). Text holding NUL or a lone surrogate is refused. */
export async function postedForm(c: Context): Promise<PostedForm> {
  const body = await readForm(c);
  const values: Record<string, string> = {};
  const files: Record<string, File> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === CSRF_FIELD) continue;
    if (typeof value === "string") values[name] = value;
    else if (value instanceof File) files[name] = value;
  }
  if (!Object.entries(values).every(([k, v]) => isCleanText(k) && isCleanText(v))) {
    throw new ValidationError(UNCLEAN_TEXT.message, { issues: [UNCLEAN_TEXT.issue] });
  }
  return { values, files };
}

/** `2026-11-25T14:05` (or `...:05:30`) from a datetime-local field, read as UTC, becomes an ISO instant; anything else stays as typed. */
function instant(value: string): string {
  const local = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/.exec(value);
  return local ? `${local[1]}${local[2] ?? ":00"}.000Z` : value;
}

/**
 * A service's input from form fields: blank fields are left out (not sent), `numbers` become numbers
 * (the schema still decides whether they are valid), `instants` are datetime-local fields read as UTC.
 */
export function serviceInput(
  values: Record<string, string>,
  fields: { numbers?: string[]; instants?: string[]; only: string[] },
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of fields.only) {
    const value = values[name]?.trim();
    if (value === undefined || value === "") continue;
    if (fields.numbers?.includes(name)) input[name] = /^\d+$/.test(value) ? Number(value) : value;
    else if (fields.instants?.includes(name)) input[name] = instant(value);
    else input[name] = value;
  }
  return input;
}
