import { isCleanText } from "../domain/clean-text.js";
import { ValidationError } from "../domain/errors.js";
import type { PortableEntity } from "../domain/export-names.js";

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;
/**
 * Exports read in larger pages than clients may ask for: fewer round trips over a whole store. Past
 * 2,000 records a page the throughput stops improving while each page's strings live long enough
 * to be promoted, and the heap's peak grows.
 */
export const EXPORT_PAGE_LIMIT = 2000;
/**
 * The page an export or migration reads of one entity: workflow versions carry whole definitions,
 * the only records without a small size bound, so their pages are short.
 */
export function exportPageLimit(entity: PortableEntity): number {
  return entity === "workflow_versions" ? 50 : EXPORT_PAGE_LIMIT;
}

export type PageRequest = { limit?: number; cursor?: string };
export type Page<T> = { items: T[]; nextCursor: string | null };

export function pageLimit(limit: number | undefined, max = MAX_PAGE_LIMIT): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new ValidationError(`limit must be a whole number from 1 to ${max}`, {
      issues: [{ path: "limit", message: "out of range" }],
    });
  }
  return limit;
}

/** Cursors are opaque to clients: base64url JSON of the backend's position after the last item. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (!isValid(value) || !holdsCleanText(value)) {
    throw new ValidationError("cursor is not one this API issued", {
      issues: [{ path: "cursor", message: "invalid" }],
    });
  }
  return value;
}

/**
 * Every string in a decoded cursor is text a store can take as a key: no NUL, no lone surrogate, not
 * huge. A cursor is the client's to send back, so it is input like any other.
 */
function holdsCleanText(value: unknown): boolean {
  const strings: unknown[] = [value];
  while (strings.length > 0) {
    const next = strings.pop();
    if (typeof next === "string" && (next.length > 1000 || !isCleanText(next))) return false;
    if (next && typeof next === "object") strings.push(...Object.values(next));
  }
  return true;
}
