import { z } from "zod";
import { Timestamp } from "./dates.js";
import { EventType } from "./event-pattern.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";

/** Where an event came from: `POST /api/events`, a signed webhook, or a run's `event.emit` step. */
export const EVENT_ORIGINS = ["api", "webhook", "workflow"] as const;
export const EventOrigin = z.enum(EVENT_ORIGINS);
export type EventOrigin = z.infer<typeof EventOrigin>;

/**
 * The sender's event ID, which is also the idempotency key: the same ID again starts nothing new.
 * Letters, digits and `._:-`, so it travels in URLs and keys unchanged.
 */
export const EventId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "expected an event ID of letters, digits and . _ : -");

/** Who sent an event: a system's name (`finance`), `webhook:<workflowId>`, `workflow:<workflowId>`. */
export const EventSource = z.string().trim().min(1).max(200);

/** A run an event started. */
export const StartedRun = z.strictObject({
  bundleId: idSchema("bundle"),
  workflowId: z.string().min(1),
  workflowVersionId: idSchema("workflowVersion"),
});
export type StartedRun = z.infer<typeof StartedRun>;

/** A received event, stored as received (immutable) with the runs it started: docs/workflow-triggers.md. */
export const WorkflowEvent = z.strictObject({
  eventId: EventId,
  type: EventType,
  source: EventSource,
  /** When it happened, by the sender's clock (the receipt time when the sender gave none). */
  time: Timestamp,
  data: JsonObject,
  origin: EventOrigin,
  /** The operator who posted it (absent for webhooks and runs). */
  receivedBy: idSchema("user").optional(),
  /** The run whose `event.emit` step published it. */
  emittedBy: idSchema("bundle").optional(),
  /** sha256 of the canonical (type, source, time, data): the same ID with other content is a conflict. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  runs: z.array(StartedRun).max(100),
  createdAt: Timestamp,
});
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;
