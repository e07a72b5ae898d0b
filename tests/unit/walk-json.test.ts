import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.js";
import { sortedKeys } from "../../src/domain/sorted-keys.js";
import { walkJson } from "../../src/domain/walk-json.js";

/** `{a: [{a: [... 1]}]}`: objects and arrays alternating, `levels` containers in all. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** Whether `value` has a container `levels` deep. */
function reaches(value: unknown, levels: number): boolean {
  let deepest = 0;
  walkJson(value, ({ value: v, depth }) => {
    if (v !== null && typeof v === "object") deepest = Math.max(deepest, depth + 1);
    return undefined;
  });
  return deepest >= levels;
}

/** The recursive renderings these replaced: the iterative ones must give the same text and values. */
function recursiveCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(recursiveCanonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${recursiveCanonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function recursiveSorted(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(recursiveSorted);
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, recursiveSorted(v)]),
  );
}

describe("walking JSON without recursion", () => {
  it("walks, renders and sorts values nested far beyond the call stack", () => {
    const deep = nested(200_000);
    let deepest = 0;
    walkJson(deep, ({ depth }) => {
      deepest = Math.max(deepest, depth);
      return undefined;
    });
    expect(deepest).toBe(200_000);
    expect(reaches(deep, 200_000)).toBe(true);
    const text = canonicalJson(deep);
    expect(text.startsWith('{"a":[{"a":[')).toBe(true);
    expect(text.length).toBe(100_000 * "[]".length + 100_000 * '{"a":}'.length + 1);
    expect(reaches(sortedKeys(deep), 200_000)).toBe(true);
  });

  it("walks in document order, gives paths on demand, and can skip or stop", () => {
    const seen: string[] = [];
    walkJson({ b: [1, { c: 2 }], a: "x" }, ({ path, value }) => {
      seen.push(`${path().join(".")}=${typeof value}`);
      return path()[0] === "a" ? "stop" : undefined;
    });
    expect(seen).toEqual(["=object", "b=object", "b.0=number", "b.1=object", "b.1.c=number", "a=string"]);
    const skipped: string[] = [];
    walkJson({ b: { c: 1 }, d: 2 }, ({ key }) => {
      skipped.push(String(key));
      return key === "b" ? "skip" : undefined;
    });
    expect(skipped).toEqual(["undefined", "b", "d"]);
  });

  it("renders canonical JSON and sorted copies exactly as the recursive versions did", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(recursiveCanonical(value));
        expect(JSON.stringify(sortedKeys(value))).toBe(JSON.stringify(recursiveSorted(value)));
      }),
      { numRuns: 300 },
    );
    const withUndefined = { b: undefined, a: [undefined, 1], c: { z: 1, y: undefined } };
    expect(canonicalJson(withUndefined)).toBe(recursiveCanonical(withUndefined));
    const proto = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(Object.keys(sortedKeys(proto) as object)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(sortedKeys(proto))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});
