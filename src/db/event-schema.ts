import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { EVENT_ORIGINS, type StartedRun } from "../domain/workflow-event.js";
import { created, ts } from "./column-builders.js";

/**
 * Received events, kept as received. No foreign keys: an event is a record of what arrived and
 * what it started, so nothing may block storing it or change it later. Re-exported by schema.ts.
 */
export const events = pgTable(
  "events",
  {
    eventId: text().primaryKey(),
    type: text().notNull(),
    source: text().notNull(),
    time: ts().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    origin: text({ enum: EVENT_ORIGINS }).notNull(),
    receivedBy: text(),
    emittedBy: text(),
    contentHash: text().notNull(),
    runs: jsonb().$type<StartedRun[]>().notNull().default([]),
    createdAt: created(),
  },
  (t) => [index("events_type_created_at_idx").on(t.type, t.createdAt, t.eventId)],
);
