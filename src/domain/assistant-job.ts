import { z } from "zod";
import { Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { RedactedText } from "./redaction.js";
import { uriField } from "./uri-policy.js";

export const ASSISTANT_JOB_STATUSES = [
  "draft",
  "queued",
  "running",
  "waiting_approval",
  "approved",
  "rejected",
  "retrying",
  "succeeded",
  "failed",
  "canceled",
] as const;
export const AssistantJobStatus = z.enum(ASSISTANT_JOB_STATUSES);

export const Approval = z.strictObject({
  status: z.enum(["pending", "approved", "rejected"]),
  decidedBy: idSchema("user").optional(),
  decidedAt: Timestamp.optional(),
  reason: z.string().max(2000).optional(),
});

/** A unit of assistant work attached to a task and/or bundle; outputs are artifacts. */
export const AssistantJob = z.strictObject({
  assistantJobId: idSchema("assistantJob"),
  assistantType: z.string().trim().min(1).max(80),
  title: z.string().trim().min(1).max(300),
  status: AssistantJobStatus,
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  requestedBy: idSchema("user").optional(),
  inputRefs: z.array(uriField("ref")).max(50),
  outputArtifactIds: z.array(idSchema("artifact")).max(100),
  approvalRequired: z.boolean(),
  approval: Approval.optional(),
  attemptCount: z.number().int().min(0),
  maxAttempts: z.number().int().min(1).max(10),
  retryOfJobId: idSchema("assistantJob").optional(),
  /** Stored redacted, code and summary alike: error text is where credentials leak. */
  lastError: z.strictObject({ code: RedactedText.min(1).max(80), summary: RedactedText.max(1000) }).optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AssistantJob = z.infer<typeof AssistantJob>;
