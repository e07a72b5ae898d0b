import { exportFieldNames, PORTABLE_ENTITIES, type PortableEntity } from "./export-names.js";

/**
 * A runtime record as one export line: every field of the entity's schema, in schema order, under its
 * snake_case name; absent optionals are null so every line has the same shape. Nested values (a
 * workflow definition, a proof requirement) keep their own field names.
 */
export function toPortable(entity: PortableEntity, record: Record<string, unknown>): Record<string, unknown> {
  const fields = Object.keys(PORTABLE_ENTITIES[entity].schema.shape);
  const names = exportFieldNames(entity);
  return Object.fromEntries(fields.map((field, i) => [names[i], record[field] ?? null]));
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
