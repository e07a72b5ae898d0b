import { z } from "zod";
import { walkJson } from "./walk-json.js";

/**
 * How deeply a record (or a request body) may nest, counting itself as the first level: DynamoDB
 * stores at most 32, and a bound keeps every reader of stored data (exports, the validator) far from
 * the call-stack limit. A free-form field sits one level inside its record, so it may nest 31.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_FIELD_DEPTH = MAX_JSON_DEPTH - 1;

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

export const JSON_DEPTH_MESSAGE = `nested more than ${MAX_FIELD_DEPTH} levels deep (${MAX_JSON_DEPTH} with its record)`;

/** A free-form JSON object field (metadata, audit details, change lists), nested at most MAX_FIELD_DEPTH levels. */
export const JsonObject = z
  .record(z.string(), z.unknown())
  .refine((value) => !nestsDeeperThan(value, MAX_FIELD_DEPTH), { message: JSON_DEPTH_MESSAGE, abort: true });
