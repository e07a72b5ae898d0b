import type { z } from "zod";
import { PORTABLE_ENTITIES, type PortableEntity, toSnakeCase } from "../../domain/export-names.js";
import { isSecretKey, isSignedUrl, looksSecret } from "../../domain/storage-policy.js";
import type { FindingCode, Report } from "./findings.js";

function classify(issue: z.core.$ZodIssue, record: Record<string, unknown>): FindingCode {
  const field = String(issue.path[0] ?? "");
  if (issue.code === "invalid_type" && record[field] === undefined && issue.path.length === 1) return "REQUIRED_FIELD";
  if (issue.code === "invalid_value") return "ENUM_VALUE";
  if (/calendar date|YYYY-MM-DD/.test(issue.message)) return "INVALID_DATE";
  if (/ISO-8601|datetime/i.test(issue.message)) return "INVALID_TIMESTAMP";
  return "INVALID_FIELD";
}

/** The entity's domain schema: required fields, enum values, real dates, parseable timestamps. */
export function checkSchema(
  entity: PortableEntity,
  record: Record<string, unknown>,
  line: number,
  id: string,
  report: Report,
) {
  const parsed = PORTABLE_ENTITIES[entity].schema.safeParse(record);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map((p) => (typeof p === "string" ? toSnakeCase(p) : String(p))).join(".");
    report({ code: classify(issue, record), entity, line, id, field, message: issue.message });
  }
}

/** Signed URLs and secret-looking keys or values anywhere in a record; values are never echoed. */
export function checkSecrets(
  entity: PortableEntity,
  portable: Record<string, unknown>,
  line: number,
  id: string,
  report: Report,
) {
  const walk = (value: unknown, path: string, key?: string) => {
    if (key !== undefined && isSecretKey(key)) {
      report({ code: "SECRET_VALUE", entity, line, id, field: path, message: "a secret-looking key" });
    }
    if (typeof value === "string") {
      if (isSignedUrl(value))
        report({ code: "SIGNED_URL", entity, line, id, field: path, message: "a signed or tokenized URL" });
      else if (looksSecret(value))
        report({ code: "SECRET_VALUE", entity, line, id, field: path, message: "a secret-looking value" });
    } else if (Array.isArray(value))
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
    }
  };
  // Top-level keys are the format's own field names; below them, keys and values are checked.
  for (const [key, value] of Object.entries(portable)) walk(value, key);
}
