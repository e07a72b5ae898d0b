import { z } from "zod";
import { Timestamp } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";

export const AUDITED_ENTITY_TYPES = [
  "user",
  "apiToken",
  "session",
  "workflowVersion",
  "bundle",
  "task",
  "recurringConfig",
  "notification",
  "file",
  "artifact",
  "assistantJob",
] as const;
export const AuditedEntityType = z.enum(AUDITED_ENTITY_TYPES);
export type AuditedEntityType = z.infer<typeof AuditedEntityType>;

/** Append-only record of one mutation, written in the same atomic write as the change. */
export const AuditEvent = z.strictObject({
  auditEventId: idSchema("auditEvent"),
  actorId: idSchema("user").optional(),
  entityType: AuditedEntityType,
  entityId: z.string().min(1),
  /** `<entity>.<verb>`, for example `task.completed`. */
  action: z.string().regex(/^[a-zA-Z]+\.[a-z-]+$/),
  before: JsonObject.optional(),
  after: JsonObject.optional(),
  createdAt: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;
