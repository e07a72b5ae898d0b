import { z } from "zod";
import { HttpUrl, Reference, Tags } from "./common.js";
import { CalendarDate } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";

/** A run input's size limit, as JSON text. */
export const MAX_RUN_INPUT_CHARS = 32 * 1024;

/** What a caller gives to start a bundle; everything else comes from the pinned workflow version. */
export const CreateBundleInput = z.strictObject({
  workflowId: z.string().min(1).max(80).optional(),
  workflowVersionId: idSchema("workflowVersion").optional(),
  title: z.string().trim().min(1).max(300),
  anchorDate: CalendarDate,
  description: z.string().max(5000).optional(),
  tags: Tags.optional(),
  /** Fills link placeholders by name; a name the workflow does not declare is added as optional. */
  links: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(100), url: HttpUrl }))
    .max(50)
    .optional(),
  references: z.array(Reference).max(50).optional(),
  /** Replaces the definition's default assignee. */
  defaultAssigneeId: idSchema("user").optional(),
  /** Per-task assignee, keyed by the task definition's refId. */
  assigneeOverrides: z.record(z.string(), idSchema("user")).optional(),
  /** A graph workflow's run input, checked against its inputSchema. */
  input: JsonObject.refine((value) => JSON.stringify(value).length <= MAX_RUN_INPUT_CHARS, {
    message: `at most ${MAX_RUN_INPUT_CHARS / 1024} KiB of JSON (a run's records copy it, and a DynamoDB item holds 400 KB)`,
  }).optional(),
  /** A business identifier tying related runs together. */
  correlationId: z.string().trim().min(1).max(200).optional(),
});
export type CreateBundleInput = z.infer<typeof CreateBundleInput>;

/** Idempotency keys the system uses for the bundles it starts: src/scheduler, and triggers (src/triggers). */
export const SYSTEM_KEY_PREFIXES = ["schedule:", "recurring:", "event:"] as const;

/** A client's Idempotency-Key: any text but the system's own key space, which it could otherwise block. */
export const ClientIdempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (key) => !SYSTEM_KEY_PREFIXES.some((prefix) => key.startsWith(prefix)),
    `keys starting with ${SYSTEM_KEY_PREFIXES.join(", ")} are the system's`,
  );
