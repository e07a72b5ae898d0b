import { PORTABLE_ENTITIES, type PortableEntity } from "../../domain/export-names.js";
import { exportFieldOf, recordProblems } from "../../domain/record-problems.js";
import type { Report } from "./findings.js";

/**
 * The entity's own validity, as writes check it (src/domain/record-problems.ts): schema, URI policy,
 * nesting, redaction, and secrets anywhere. Values are never echoed.
 */
export function checkRecord(
  entity: PortableEntity,
  record: Record<string, unknown>,
  line: number,
  id: string,
  report: Report,
) {
  for (const { code, path, message } of recordProblems(PORTABLE_ENTITIES[entity].schema, record))
    report({ code, entity, line, id, field: exportFieldOf(path), message });
}
