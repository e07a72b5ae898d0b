import type { DataFilter, EventPattern, ValueMatcher } from "../domain/event-pattern.js";

/*
 * Matching an event against an EventPattern (src/domain/event-pattern.ts). The type is compared as a
 * glob; each data field listed must match one of its values, EventBridge-style: a field holding an
 * array matches when any element does; `anything-but`, `prefix` and `numeric` need the field present.
 */

export type MatchableEvent = { type: string; data: Record<string, unknown> };

const globs = new Map<string, RegExp>();

/** True when `type` matches `glob`, where `*` stands for any run of characters. */
export function typeMatches(glob: string, type: string): boolean {
  if (!glob.includes("*")) return glob === type;
  let regex = globs.get(glob);
  if (!regex) {
    const body = glob
      .split("*")
      .map((part) => part.replace(/[.\\^$+?()[\]{}|-]/g, "\\$&"))
      .join(".*");
    regex = new RegExp(`^${body}$`);
    if (globs.size > 1000) globs.clear();
    globs.set(glob, regex);
  }
  return regex.test(type);
}

export function patternMatches(pattern: EventPattern, event: MatchableEvent): boolean {
  if (typeof pattern === "string") return typeMatches(pattern, event.type);
  if (!typeMatches(pattern.type, event.type)) return false;
  return pattern.data === undefined || filterMatches(pattern.data, event.data);
}

/**
 * A nested filter on an array of objects matches when any element does; on a missing (or non-object)
 * field, its own fields are all absent, so only `exists: false` can match there.
 */
function filterMatches(filter: DataFilter, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((item) => filterMatches(filter, item));
  const object = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  for (const [field, rule] of Object.entries(filter)) {
    const present = Object.hasOwn(object, field);
    const fieldValue = present ? object[field] : undefined;
    const holds = Array.isArray(rule)
      ? rule.some((matcher) => valueMatches(matcher, present, fieldValue))
      : filterMatches(rule, fieldValue);
    if (!holds) return false;
  }
  return true;
}

function valueMatches(matcher: ValueMatcher, present: boolean, value: unknown): boolean {
  if (matcher !== null && typeof matcher === "object" && "exists" in matcher) return matcher.exists === present;
  if (!present) return false;
  if (Array.isArray(value)) return value.some((item) => valueMatches(matcher, true, item));
  if (matcher === null || typeof matcher !== "object") return matcher === value;
  if ("prefix" in matcher) return typeof value === "string" && value.startsWith(matcher.prefix);
  if ("anything-but" in matcher) {
    const excluded = matcher["anything-but"];
    return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value as never);
  }
  return typeof value === "number" && numericHolds(matcher.numeric, value);
}

function numericHolds(range: (string | number)[], value: number): boolean {
  for (let i = 0; i + 1 < range.length; i += 2) {
    const operator = range[i];
    const bound = range[i + 1] as number;
    const holds =
      operator === "<"
        ? value < bound
        : operator === "<="
          ? value <= bound
          : operator === "="
            ? value === bound
            : operator === ">="
              ? value >= bound
              : value > bound;
    if (!holds) return false;
  }
  return true;
}
