import { RECORD_PROBLEM_CODES } from "../../domain/record-problems.js";

/** What the validator reports; codes are stable and explained in docs/execution-data-safety.md. */
export const FINDING_CODES = [
  "MANIFEST_UNREADABLE",
  "MANIFEST_CHECKSUM",
  "SCHEMA_VERSION",
  "FILE_MISSING",
  "FILE_CHECKSUM",
  "COUNT_MISMATCH",
  "LINE_NOT_JSON",
  "REQUIRED_FIELD",
  "ENUM_VALUE",
  "INVALID_DATE",
  "INVALID_TIMESTAMP",
  "INVALID_FIELD",
  "UNKNOWN_FIELD",
  "DUPLICATE_ID",
  "DANGLING_REFERENCE",
  "DONE_WITHOUT_PROOF",
  "WAITING_WITHOUT_FOLLOW_UP",
  "DUPLICATE_REMINDER",
  "REVIEW_WITHOUT_TIMESTAMP",
  "OWNED_WITHOUT_CHECKSUM",
  "SIGNED_URL",
  "SECRET_VALUE",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];
// A record's own problems are reported under their own codes, so each must be a finding code.
RECORD_PROBLEM_CODES satisfies readonly FindingCode[];

export type Finding = {
  code: FindingCode;
  severity: "error" | "warning";
  entity?: string;
  line?: number;
  id?: string;
  field?: string;
  /** Never contains a record's value: findings may be shared where the data may not. */
  message: string;
};

export type Report = (finding: Omit<Finding, "severity"> & { severity?: Finding["severity"] }) => void;

export function formatFinding(f: Finding): string {
  const where = [f.entity, f.line !== undefined ? `line ${f.line}` : undefined, f.id, f.field]
    .filter(Boolean)
    .join(" ");
  return `${f.severity.toUpperCase()} ${f.code}${where ? ` [${where}]` : ""}: ${f.message}`;
}
