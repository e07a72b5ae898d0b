import { exportFieldNames, PORTABLE_ENTITIES, type PortableEntity } from "./export-names.js";

/**
 * A runtime record as one export line: every field of the entity's schema, in schema order, under its
 * snake_case name; absent optionals are null so every line has the same shape. Nested values (a
 * workflow definition, a proof requirement) keep their own field names, with keys sorted.
 */
export function toPortable(entity: PortableEntity, record: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(PORTABLE_ENTITIES[entity].schema.shape);
  const names = exportFieldNames(entity);
  return Object.fromEntries(fields.map((field, i) => [names[i], sortedKeys(record[field] ?? null)]));
}

/** Nested objects with their keys sorted: Postgres jsonb reorders keys, and exports must not differ by backend. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortedKeys(v)]),
    );
  }
  return value;
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
] as const;
