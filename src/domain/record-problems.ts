import type { z } from "zod";
import { toSnakeCase } from "./export-names.js";
import { isSecretKey, looksSecret } from "./secret-patterns.js";
import { isSignedUrl } from "./uri-policy.js";
import { formatPath } from "./validation-issues.js";
import { walkJson } from "./walk-json.js";

/** What can be wrong with one record on its own; the export validator reports these under the same codes. */
export const RECORD_PROBLEM_CODES = [
  "REQUIRED_FIELD",
  "ENUM_VALUE",
  "INVALID_DATE",
  "INVALID_TIMESTAMP",
  "INVALID_FIELD",
  "SIGNED_URL",
  "SECRET_VALUE",
] as const;
export type RecordProblemCode = (typeof RECORD_PROBLEM_CODES)[number];

/** Where in the record (`["metadata", "a", 0]`) and what is wrong; never the value. */
export type RecordProblem = { code: RecordProblemCode; path: PropertyKey[]; message: string };

/** The export's name for a place in a record: `storage_uri`, `metadata.a[0]` (nested keys are data, kept as they are). */
export const exportFieldOf = (path: readonly PropertyKey[]) =>
  formatPath(path.map((part, i) => (i === 0 && typeof part === "string" ? toSnakeCase(part) : part)));

function classify(issue: z.core.$ZodIssue, record: Record<string, unknown>): RecordProblemCode {
  const finding = issue.code === "custom" ? issue.params?.finding : undefined;
  if (typeof finding === "string" && (RECORD_PROBLEM_CODES as readonly string[]).includes(finding))
    return finding as RecordProblemCode;
  const field = String(issue.path[0] ?? "");
  if (issue.code === "invalid_type" && record[field] === undefined && issue.path.length === 1) return "REQUIRED_FIELD";
  if (issue.code === "invalid_value") return "ENUM_VALUE";
  if (/calendar date|YYYY-MM-DD/.test(issue.message)) return "INVALID_DATE";
  if (/ISO-8601|datetime/i.test(issue.message)) return "INVALID_TIMESTAMP";
  return "INVALID_FIELD";
}

/**
 * Everything wrong with a record: its domain schema (required fields, enums, dates, URIs, nesting,
 * redaction), then signed URLs and secret-looking keys or values anywhere inside it. The one
 * definition of a valid record: writes are refused on it, and the export validator reports it.
 */
export function recordProblems(schema: z.ZodType, record: Record<string, unknown>): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ code: classify(issue, record), path: [...issue.path], message: issue.message });
  }
  const reported = new Set(problems.map((p) => formatPath(p.path)));
  const add = (code: RecordProblemCode, path: (string | number)[], message: string) => {
    if (!reported.has(formatPath(path))) problems.push({ code, path, message });
  };
  walkJson(record, ({ key, value, depth, path }) => {
    // Top-level keys are the record's own field names; below them, keys are data and are checked.
    if (depth > 1 && typeof key === "string" && isSecretKey(key)) add("SECRET_VALUE", path(), "a secret-looking key");
    if (typeof value !== "string") return undefined;
    if (isSignedUrl(value)) add("SIGNED_URL", path(), "a signed or tokenized URL");
    else if (looksSecret(value)) add("SECRET_VALUE", path(), "a secret-looking value");
    return undefined;
  });
  return problems;
}
