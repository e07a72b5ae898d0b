import { describe, expect, it } from "vitest";
import { Artifact } from "../../src/domain/artifact.js";
import { CreateArtifactInput } from "../../src/domain/artifact-input.js";
import { AuditEvent } from "../../src/domain/audit-event.js";
import {
  EMPTY_KEY_MESSAGE,
  JSON_DEPTH_MESSAGE,
  JsonObject,
  MAX_FIELD_DEPTH,
  MAX_JSON_DEPTH,
  NUMBER_MESSAGE,
  nestsDeeperThan,
} from "../../src/domain/free-form-json.js";
import { TaskEvent } from "../../src/domain/task.js";

/** `{a: [{a: [... 1]}]}`: objects and arrays alternating, `levels` containers in all. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}
const deepObject = (levels: number) => ({ a: nested(levels - 1) });

describe("JSON nesting", () => {
  it("counts containers: a flat object is 1; a field inside a record takes 31, so the record nests at most 32", () => {
    expect(MAX_FIELD_DEPTH + 1).toBe(MAX_JSON_DEPTH);
    expect(nestsDeeperThan({ field: deepObject(MAX_FIELD_DEPTH) }, MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestsDeeperThan("text", 0)).toBe(false);
    expect(JsonObject.safeParse(deepObject(MAX_FIELD_DEPTH)).success).toBe(true);
    const refused = JsonObject.safeParse(deepObject(MAX_FIELD_DEPTH + 1));
    expect(refused.error?.issues.map((i) => i.message)).toEqual([JSON_DEPTH_MESSAGE]);
  });

  it("refuses deep free-form values in every domain schema that holds them, naming the field, without overflowing", () => {
    const deep = deepObject(100_000);
    const base = { type: "other", title: "t", storageUri: "https://example.com/a" };
    const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
      result.error?.issues.map((i) => i.path.join("."));
    expect(paths(CreateArtifactInput.safeParse({ ...base, metadata: deep }))).toEqual(["metadata"]);
    expect(paths(Artifact.pick({ metadata: true }).safeParse({ metadata: deep }))).toEqual(["metadata"]);
    expect(paths(AuditEvent.pick({ before: true, after: true }).safeParse({ before: deep, after: deep }))).toEqual([
      "before",
      "after",
    ]);
    expect(paths(TaskEvent.pick({ changes: true }).safeParse({ changes: deep }))).toEqual(["changes"]);
  });

  it("takes no empty key, which DynamoDB cannot name, at any level", () => {
    expect(JsonObject.safeParse({ " ": { a: 1 } }).success).toBe(true);
    const refused = JsonObject.safeParse({ "": 1, a: [{ "": { b: 2 } }] });
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["", EMPTY_KEY_MESSAGE],
      ["a.0.", EMPTY_KEY_MESSAGE],
    ]);
  });

  it("takes only numbers every store keeps exactly, naming the path of any other", () => {
    const fine = [0, -0, 1, -1, 0.1, 1e-7, 1e-130, -1e-130, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 123.456];
    expect(JsonObject.safeParse({ fine }).success).toBe(true);
    const refused = JsonObject.safeParse({ a: [1, 2 ** 53], b: { c: 1e-131, d: 5e-324 }, e: 1e308 });
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["a.1", NUMBER_MESSAGE],
      ["b.c", NUMBER_MESSAGE],
      ["b.d", NUMBER_MESSAGE],
      ["e", NUMBER_MESSAGE],
    ]);
  });
});
