import { parse } from "@marcbachmann/cel-js";
import { z } from "zod";

/*
 * Conditions are CEL (https://cel.dev) read by @marcbachmann/cel-js: `data.amount > 1000`,
 * `status == 'running'`. Parsed once per expression text and cached; evaluating a parsed expression
 * costs well under a microsecond.
 */
type Compiled = ReturnType<typeof parse>;
const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

function compiled(expression: string): Compiled {
  const hit = cache.get(expression);
  if (hit) return hit;
  const made = parse(expression);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expression, made);
  return made;
}

/** Why `expression` does not parse, or undefined when it does. */
export function celProblem(expression: string): string | undefined {
  try {
    compiled(expression);
    return undefined;
  } catch (error) {
    return `not a CEL expression: ${celMessage(error)}`;
  }
}

export const CelExpression = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .superRefine((text, issue) => {
    const problem = celProblem(text);
    if (problem) issue.addIssue({ code: "custom", message: problem });
  });

/** CEL integers are BigInt; JSON wants numbers. Converts a result, deeply, to plain JSON values. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}

/** The value of `expression` over `variables`; throws the evaluator's error (a missing field, a type mismatch). */
export function evaluateCel(expression: string, variables: Record<string, unknown>): unknown {
  return toJsonValue(compiled(expression)(variables));
}

/** The first line of an evaluator's error (the rest is a source excerpt with a caret). */
export function celMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
