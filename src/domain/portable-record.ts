import { exportFieldNames, PORTABLE_ENTITIES, type PortableEntity } from "./export-names.js";
import { sortedKeys } from "./sorted-keys.js";

/**
 * A runtime record as one export line: every field of the entity's schema, in schema order, under its
 * snake_case name; absent optionals are null so every line has the same shape. Nested values (a
 * workflow definition, a proof requirement) keep their own field names, with keys sorted.
 */
export function toPortable(entity: PortableEntity, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, name] of fieldPairs(entity)) out[name] = sortedKeys(record[field] ?? null);
  return out;
}

/** Records as export text: one canonical JSON line each, newline-terminated. Every backend's export matches this. */
export function portableText(entity: PortableEntity, records: Record<string, unknown>[]): string {
  let text = "";
  for (const record of records) text += `${JSON.stringify(toPortable(entity, record))}\n`;
  return text;
}

/** (runtime field, export name) pairs per entity, computed once: exports call this for every record. */
const pairs = new Map<PortableEntity, [string, string][]>();
export function fieldPairs(entity: PortableEntity): [string, string][] {
  let found = pairs.get(entity);
  if (!found) {
    const names = exportFieldNames(entity);
    found = Object.keys(PORTABLE_ENTITIES[entity].schema.shape).map((field, i) => [field, names[i] ?? field]);
    pairs.set(entity, found);
  }
  return found;
}

/** The portable schema version and format every manifest declares. */
export const EXPORT_SCHEMA_VERSION = "work-engine.execution.v1";
export const EXPORT_FORMAT_VERSION = 1;

/** Entities that exist but are deliberately not exported, with the reason the manifest gives. */
export const OMITTED_ENTITIES = [
  {
    entity: "api_tokens",
    reason: "secret material: token hashes are never exported; users re-issue tokens after a restore",
  },
  {
    entity: "sessions",
    reason: "secret material: session hashes are never exported; people sign in again after a restore",
  },
  {
    entity: "scheduler_leases",
    reason:
      "scheduler bookkeeping: short leases and done-markers that expire within days; a restored store starts without them",
  },
] as const;
