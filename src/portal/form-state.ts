import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { DomainError, ERROR_STATUS } from "../domain/errors.js";
import { fieldIssues } from "../domain/validation-issues.js";

/**
 * A refused submit, shown next to the form that caused it: the message in words, the fields it names,
 * and everything that was typed, so nothing is lost.
 */
export type FormState = {
  form: string;
  message: string;
  /** Field name -> what is wrong with it. */
  issues: Record<string, string>;
  values: Record<string, string>;
  status: ContentfulStatusCode;
};

type Issue = { path: string; message: string };

/** The first path segment names the form field (`links[0].url` is the `links` field). */
const fieldOf = (path: string) => path.split(/[.[]/)[0] ?? path;

/** A refusal to show beside `form`; anything that is not a refusal (a bug, an outage) is thrown on. */
export function refusal(
  form: string,
  error: unknown,
  values: Record<string, string>,
  /** Service field -> form field, where the form names a field differently (`links` is the `url` box). */
  rename: Record<string, string> = {},
): FormState {
  const named = (issues: Issue[]) => issues.map((i) => ({ ...i, path: rename[fieldOf(i.path)] ?? i.path }));
  if (error instanceof z.ZodError)
    return build(form, "Some fields need attention.", named(fieldIssues(error)), values, 400);
  if (!(error instanceof DomainError)) throw error;
  const raw = (error.details as { issues?: unknown }).issues;
  const issues = Array.isArray(raw) ? (raw as Issue[]) : [];
  const message =
    error.code === "version_conflict"
      ? "Someone changed this since you opened the page. The page now shows the latest; check it and submit again."
      : error.code === "validation_failed" && error.message.startsWith("invalid input")
        ? "Some fields need attention." // the schema's own summary: the fields below say it better
        : error.message;
  return build(form, message, named(issues), values, ERROR_STATUS[error.code] as ContentfulStatusCode);
}

function build(
  form: string,
  message: string,
  issues: Issue[],
  values: Record<string, string>,
  status: ContentfulStatusCode,
): FormState {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[fieldOf(issue.path)] ??= issue.message;
  return { form, message, issues: byField, values, status };
}
