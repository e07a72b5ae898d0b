import type { IdKind } from "./ids.js";
import { PublicSession } from "./session.js";
import { PublicToken } from "./user.js";

/** Of the entities holding a field no response may carry, the schema of what the API may show. */
const PUBLIC_SCHEMAS: Partial<Record<IdKind, { shape: Record<string, unknown> }>> = {
  apiToken: PublicToken,
  session: PublicSession,
};

/**
 * A stored record as the API may show it. Records leave through answers and through error details
 * (a version conflict's `current`, from a service or either backend), so every one passes through here.
 */
export function publicView<T extends object>(entityType: string, record: T): Partial<T> {
  const schema = PUBLIC_SCHEMAS[entityType as IdKind];
  if (!schema) return record;
  return Object.fromEntries(Object.entries(record).filter(([field]) => field in schema.shape)) as Partial<T>;
}
