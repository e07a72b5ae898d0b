import { z } from "zod";
import { MAX_RUN_INPUT_CHARS } from "../domain/bundle-input.js";
import { EventType } from "../domain/event-pattern.js";
import { JsonObject } from "../domain/free-form-json.js";
import { EventId, EventSource } from "../domain/workflow-event.js";

/** What a sender posts to POST /api/events, CloudEvents-like. */
export const EventInput = z.strictObject({
  /** The sender's ID for the event, and the idempotency key: the same ID again starts nothing new. */
  id: EventId,
  type: EventType,
  source: EventSource,
  /** When it happened (any ISO-8601 offset; stored in UTC). Absent: when it was received. */
  time: z.iso.datetime({ offset: true, message: "expected an ISO-8601 timestamp" }).optional(),
  data: JsonObject.refine((value) => JSON.stringify(value).length <= MAX_RUN_INPUT_CHARS, {
    message: `at most ${MAX_RUN_INPUT_CHARS / 1024} KiB of JSON (it may become a run's input)`,
  }).default({}),
});
export type EventInput = z.infer<typeof EventInput>;
