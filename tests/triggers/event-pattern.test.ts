import { describe, expect, it } from "vitest";
import { EventPattern } from "../../src/domain/event-pattern.js";
import { patternMatches, typeMatches } from "../../src/triggers/event-pattern-match.js";

const event = (type: string, data: Record<string, unknown> = {}) => ({ type, data });
const matches = (pattern: unknown, type: string, data: Record<string, unknown> = {}) =>
  patternMatches(EventPattern.parse(pattern), event(type, data));

describe("event patterns", () => {
  it("match an exact type, and a glob on it", () => {
    expect(typeMatches("podcast.recording.uploaded", "podcast.recording.uploaded")).toBe(true);
    expect(typeMatches("podcast.recording.uploaded", "podcast.recording.deleted")).toBe(false);
    expect(typeMatches("podcast.*", "podcast.recording.uploaded")).toBe(true);
    expect(typeMatches("podcast.*", "podcasts.recording")).toBe(false);
    expect(typeMatches("*.uploaded", "podcast.recording.uploaded")).toBe(true);
    expect(typeMatches("podcast.*.uploaded", "podcast.recording.deleted")).toBe(false);
    // A dot in a glob is a dot, not "any character".
    expect(typeMatches("a.b", "aXb")).toBe(false);
  });

  it("filter on exact data values (any listed one), and on arrays by any element", () => {
    const pattern = { type: "order.placed", data: { region: ["eu", "us"], rush: [true] } };
    expect(matches(pattern, "order.placed", { region: "eu", rush: true })).toBe(true);
    expect(matches(pattern, "order.placed", { region: "apac", rush: true })).toBe(false);
    expect(matches(pattern, "order.placed", { region: "eu", rush: "true" })).toBe(false);
    expect(matches(pattern, "order.shipped", { region: "eu", rush: true })).toBe(false);
    expect(matches({ type: "t", data: { tags: ["urgent"] } }, "t", { tags: ["low", "urgent"] })).toBe(true);
  });

  it("filter by prefix", () => {
    const pattern = { type: "file.*", data: { path: [{ prefix: "episodes/" }] } };
    expect(matches(pattern, "file.created", { path: "episodes/12.mp3" })).toBe(true);
    expect(matches(pattern, "file.created", { path: "drafts/12.mp3" })).toBe(false);
    expect(matches(pattern, "file.created", { path: 12 })).toBe(false);
    expect(matches(pattern, "file.created", {})).toBe(false);
  });

  it("filter with anything-but, which needs the field present", () => {
    const pattern = { type: "doc.changed", data: { state: [{ "anything-but": ["draft", "deleted"] }] } };
    expect(matches(pattern, "doc.changed", { state: "published" })).toBe(true);
    expect(matches(pattern, "doc.changed", { state: "draft" })).toBe(false);
    expect(matches(pattern, "doc.changed", {})).toBe(false);
    expect(matches({ type: "x", data: { n: [{ "anything-but": 0 }] } }, "x", { n: 1 })).toBe(true);
  });

  it("filter on numeric ranges", () => {
    const pattern = { type: "expense.submitted", data: { amount: [{ numeric: [">", 1000, "<=", 5000] }] } };
    expect(matches(pattern, "expense.submitted", { amount: 1800 })).toBe(true);
    expect(matches(pattern, "expense.submitted", { amount: 5000 })).toBe(true);
    expect(matches(pattern, "expense.submitted", { amount: 1000 })).toBe(false);
    expect(matches(pattern, "expense.submitted", { amount: 5001 })).toBe(false);
    expect(matches(pattern, "expense.submitted", { amount: "1800" })).toBe(false);
    expect(matches({ type: "x", data: { n: [{ numeric: ["=", 3] }] } }, "x", { n: 3 })).toBe(true);
  });

  it("filter on whether a field exists, and on nested fields", () => {
    expect(matches({ type: "x", data: { note: [{ exists: true }] } }, "x", { note: null })).toBe(true);
    expect(matches({ type: "x", data: { note: [{ exists: true }] } }, "x", {})).toBe(false);
    expect(matches({ type: "x", data: { note: [{ exists: false }] } }, "x", {})).toBe(true);
    expect(matches({ type: "x", data: { note: [{ exists: false }] } }, "x", { note: 1 })).toBe(false);
    const nested = { type: "x", data: { customer: { tier: ["gold"] } } };
    expect(matches(nested, "x", { customer: { tier: "gold" } })).toBe(true);
    expect(matches(nested, "x", { customer: { tier: "silver" } })).toBe(false);
    expect(matches(nested, "x", { customer: "gold" })).toBe(false);
    // A nested filter on an array of objects: any element; on a missing parent, its fields are absent.
    expect(matches(nested, "x", { customer: [{ tier: "silver" }, { tier: "gold" }] })).toBe(true);
    expect(matches(nested, "x", { customer: [{ tier: "silver" }] })).toBe(false);
    expect(matches({ type: "x", data: { p: { q: [{ exists: false }] } } }, "x", {})).toBe(true);
    expect(matches({ type: "x", data: { p: { q: [{ exists: true }] } } }, "x", {})).toBe(false);
  });

  it("refuse malformed patterns", () => {
    expect(EventPattern.safeParse("podcast..uploaded").success).toBe(false);
    expect(EventPattern.safeParse({ type: "x", data: {} }).success).toBe(false);
    expect(EventPattern.safeParse({ type: "x", data: { n: [{ numeric: [">", "a"] }] } }).success).toBe(false);
    expect(EventPattern.safeParse({ type: "x", data: { n: [{ numeric: [">", 1, "<"] }] } }).success).toBe(false);
    expect(EventPattern.safeParse({ type: "x", data: { n: [{ suffix: "a" }] } }).success).toBe(false);
    expect(EventPattern.safeParse({ type: "x", extra: 1 }).success).toBe(false);
  });
});
