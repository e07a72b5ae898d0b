import type { z } from "zod";
import { canonicalJson } from "../domain/canonical-json.js";

/*
 * The canonical form of parsed data, driven by its zod schema: object fields in the order the schema
 * declares them, fields equal to their schema default left out (parsing fills them in again), and
 * free-form objects (records, unknown values) with their keys sorted, so the text does not depend on
 * where the data came from (a YAML file, or a store such as Postgres jsonb that reorders keys).
 */

type Def = {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "nonoptional", "catch"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Plain JSON with object keys sorted at every level. */
export function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return Object.fromEntries(keys.map((key) => [key, sortedJson(value[key])]));
}

/** Whether `field` is `.default(x)` and `value` equals x. */
function equalsDefault(field: z.ZodType, value: unknown): boolean {
  const def = defOf(field);
  return def.type === "default" && canonicalJson(value) === canonicalJson(def.defaultValue);
}

function canonicalObject(shape: Record<string, z.ZodType>, value: Record<string, unknown>): Record<string, unknown> {
  const known = Object.entries(shape)
    .filter(([key, field]) => value[key] !== undefined && !equalsDefault(field, value[key]))
    .map(([key, field]) => [key, canonicalValue(field, value[key])]);
  const unknown = Object.keys(value)
    .filter((key) => !(key in shape) && value[key] !== undefined)
    .sort()
    .map((key) => [key, sortedJson(value[key])]);
  return Object.fromEntries([...known, ...unknown]);
}

/** `value`, already parsed by `schema`, in canonical form (see above). */
export function canonicalValue(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return value == null ? value : canonicalValue(def.innerType, value);
  if (def.type === "lazy" && def.getter) return canonicalValue(def.getter(), value);
  if (def.type === "pipe" && def.in && def.out)
    return canonicalValue(defOf(def.out).type === "transform" ? def.in : def.out, value);
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.map((item) => canonicalValue(element, item));
  }
  if (def.type === "object" && def.shape && isPlainObject(value)) return canonicalObject(def.shape, value);
  if (def.type === "record" && def.valueType && isPlainObject(value)) {
    const valueType = def.valueType;
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    return Object.fromEntries(keys.sort().map((key) => [key, canonicalValue(valueType, value[key])]));
  }
  if (def.type === "union" && def.options) {
    const option = def.options.find((candidate) => candidate.safeParse(value).success);
    if (option) return canonicalValue(option, value);
  }
  return sortedJson(value);
}
