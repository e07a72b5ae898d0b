import { compile as compileJmespath, TreeInterpreter } from "@jmespath-community/jmespath";
import jsonata from "jsonata";
import type { Transform } from "../domain/transform.js";

/*
 * Transforms map one JSON value to another: an event to a run's input (triggers), a step's data to a
 * request body (http.request). JSONata via `jsonata`, JMESPath via `@jmespath-community/jmespath`.
 * Expressions come from workflow definitions in Git; they are still time-boxed, so a mistaken
 * recursive JSONata function fails the step instead of holding a worker forever.
 */

/** A transform that does not parse, or failed (or ran too long) on its input. */
export class TransformError extends Error {
  override name = "TransformError";
}

const TIME_LIMIT_MS = 1000;
const DEPTH_LIMIT = 500;
const CACHE_LIMIT = 500;

type Compiled = (input: unknown) => Promise<unknown>;
const cache = new Map<string, Compiled>();

/** JSONata's errors are plain objects `{code, position, message}`; JMESPath's are Errors. */
function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const { message, position } = error as { message: unknown; position?: unknown };
    return `${String(message)}${typeof position === "number" ? ` (at ${position})` : ""}`;
  }
  return String(error);
}

function compileJsonata(expression: string): Compiled {
  // jsonata's own guardrails: a per-evaluation time limit and stack depth (errors D1012, D1011).
  const parsed = jsonata(expression, { timeout: TIME_LIMIT_MS, stack: DEPTH_LIMIT });
  return (input) => parsed.evaluate(input);
}

function compileJmespathExpression(expression: string): Compiled {
  const ast = compileJmespath(expression);
  // biome-ignore lint/suspicious/noExplicitAny: the library types its input as JSONValue.
  return async (input) => TreeInterpreter.search(ast, input as any);
}

function compiled(transform: Transform): Compiled {
  const key = `${transform.type}\n${transform.expression}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let made: Compiled;
  try {
    made =
      transform.type === "jsonata"
        ? compileJsonata(transform.expression)
        : compileJmespathExpression(transform.expression);
  } catch (error) {
    throw new TransformError(`the ${transform.type} expression does not parse: ${messageOf(error)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, made);
  return made;
}

/** Why the transform's expression does not parse, or undefined: what content:check reports. */
export function transformProblem(transform: Transform): string | undefined {
  try {
    compiled(transform);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The transform's result on `input`, as plain JSON: `null` when the expression matched nothing
 * (JSONata's undefined). Throws `TransformError` when it does not parse or fails.
 */
export async function applyTransform(transform: Transform, input: unknown): Promise<unknown> {
  const run = compiled(transform);
  let result: unknown;
  try {
    result = await run(input);
  } catch (error) {
    throw new TransformError(`the ${transform.type} expression failed: ${messageOf(error)}`);
  }
  // JSONata marks sequences with extra properties and may return functions; JSON keeps the data only.
  return result === undefined ? null : (JSON.parse(JSON.stringify(result) ?? "null") as unknown);
}
