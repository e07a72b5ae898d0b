import { z } from "zod";
import { walkJson } from "./walk-json.js";

/*
 * Free-form JSON (artifact metadata, audit details, task event changes) is stored as it comes, so it
 * must be JSON every backend holds exactly: DynamoDB nests at most 32 levels, counting the item, keeps
 * numbers only within its range and names no attribute "" (not even inside a map); the bound on
 * nesting also keeps every reader of stored data (exports, the validator) far from the call-stack limit.
 */

/** How deeply a record (or a request body) may nest, counting itself as the first level. */
export const MAX_JSON_DEPTH = 32;
/** A free-form field sits one level inside its record. */
export const MAX_FIELD_DEPTH = MAX_JSON_DEPTH - 1;
/** DynamoDB's smallest magnitude; the largest it takes exactly through the SDK is 2^53 - 1. */
const SMALLEST_MAGNITUDE = 1e-130;

/** Whether objects and arrays nest more than `max` levels (a flat object is 1); checked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  let deeper = false;
  walkJson(value, ({ value: v, depth }) => {
    if (v === null || typeof v !== "object") return undefined;
    if (depth + 1 > max) {
      deeper = true;
      return "stop";
    }
    return undefined;
  });
  return deeper;
}

/** Whether every store keeps `n` as it is: finite, within the safe integers, and 0 or not too small. */
export function isPortableNumber(n: number): boolean {
  const magnitude = Math.abs(n);
  return magnitude <= Number.MAX_SAFE_INTEGER && (magnitude === 0 || magnitude >= SMALLEST_MAGNITUDE);
}

export const JSON_DEPTH_MESSAGE = `nested more than ${MAX_FIELD_DEPTH} levels deep (${MAX_JSON_DEPTH} with its record)`;
export const EMPTY_KEY_MESSAGE = "object keys must not be empty";
export const PROTO_KEY_MESSAGE = "the key __proto__ is not accepted (JavaScript reads it as the object's prototype)";

/** Whether any object in `value` has an own key `__proto__` (as JSON.parse makes it), at any depth. */
function hasProtoKey(value: unknown): boolean {
  let found = false;
  walkJson(value, ({ key }) => {
    found = key === "__proto__";
    return found ? "stop" : undefined;
  });
  return found;
}
export const NUMBER_MESSAGE = `numbers must be 0 or between ${SMALLEST_MAGNITUDE} and 2^53 - 1 in magnitude`;

/** A free-form JSON object field: nested at most MAX_FIELD_DEPTH levels, numbers and keys every store keeps. */
export const JsonObject = z
  // Checked before the record is rebuilt: a rebuilt object silently drops a top-level `__proto__` key.
  .preprocess(
    (raw, ctx) => {
      if (hasProtoKey(raw)) ctx.addIssue({ code: "custom", message: PROTO_KEY_MESSAGE, input: raw });
      return raw;
    },
    z.record(z.string(), z.unknown()),
  )
  .refine((value) => !nestsDeeperThan(value, MAX_FIELD_DEPTH), { message: JSON_DEPTH_MESSAGE, abort: true })
  .superRefine((value, ctx) => {
    walkJson(value, ({ key, value: v, path }) => {
      if (key === "") ctx.addIssue({ code: "custom", message: EMPTY_KEY_MESSAGE, path: path() });
      if (typeof v === "number" && !isPortableNumber(v))
        ctx.addIssue({ code: "custom", message: NUMBER_MESSAGE, path: path() });
      return undefined;
    });
  });
