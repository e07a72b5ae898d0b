import { PORTABLE_ENTITIES, type PortableEntity } from "../../domain/export-names.js";
import type { Finding, Report } from "./findings.js";
import { emptyIndex, firstPass, secondPass } from "./integrity-checks.js";
import { readEntity, readManifest } from "./read-export.js";
import { checkRecord } from "./record-checks.js";

/**
 * Checks an export directory: manifest and file checksums, counts, JSON, schema, duplicates,
 * relationships, proof of done tasks, follow-ups, reviews, owned checksums, and secrets. Two streaming
 * passes, so memory holds IDs and a few facts per record, never the records.
 */
export async function validateExport(dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report: Report = (f) => void findings.push({ severity: "error", ...f });
  const manifest = readManifest(dir, report);
  if (!manifest) return findings;
  const entities = Object.keys(PORTABLE_ENTITIES) as PortableEntity[];
  const index = emptyIndex();
  const idOf = (entity: PortableEntity, record: Record<string, unknown>) =>
    String(record[PORTABLE_ENTITIES[entity].idField] ?? "");
  for (const entity of entities) {
    for await (const { line, record } of readEntity(dir, manifest, entity, report, true)) {
      const id = idOf(entity, record);
      checkRecord(entity, record, line, id, report);
      firstPass(entity, record, { line, id }, index, report);
    }
  }
  for (const entity of entities) {
    for await (const { line, record, portable } of readEntity(dir, manifest, entity, report, false)) {
      secondPass(entity, portable, record, { line, id: idOf(entity, record) }, index, report);
    }
  }
  return findings;
}
