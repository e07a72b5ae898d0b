import { z } from "zod";
import { ARTIFACT_TYPES } from "./artifact.js";
import { ASSISTANT_JOB_STATUSES } from "./assistant-job.js";
import { idSchema } from "./ids.js";
import { PageQuery } from "./list-queries.js";
import { Checksum, DataClass } from "./storage.js";
import { uriField } from "./uri-policy.js";

const ExpectedVersion = z.number().int().min(1);

export const CreateAssistantJobInput = z
  .strictObject({
    assistantType: z.string().trim().min(1).max(80),
    title: z.string().trim().min(1).max(300),
    taskId: idSchema("task").optional(),
    bundleId: idSchema("bundle").optional(),
    inputRefs: z.array(uriField("ref")).max(50).optional(),
    approvalRequired: z.boolean().default(true),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .refine((v) => v.taskId !== undefined || v.bundleId !== undefined, {
    message: "give taskId, bundleId or both",
    path: ["taskId"],
  });
export type CreateAssistantJobInput = z.infer<typeof CreateAssistantJobInput>;

/** One output, registered as an `assistant-output` artifact in `needs-review`. */
export const AddOutputInput = z.strictObject({
  expectedVersion: ExpectedVersion,
  title: z.string().trim().min(1).max(300),
  type: z.enum(ARTIFACT_TYPES).default("assistant-output"),
  storageUri: uriField("storage"),
  contentType: z.string().min(1).max(200).optional(),
  checksum: Checksum.optional(),
  sizeBytes: z.number().int().min(0).optional(),
  dataClass: DataClass.default("internal"),
});

export const JOB_ACTION_INPUTS = {
  queue: z.strictObject({ expectedVersion: ExpectedVersion }),
  start: z.strictObject({ expectedVersion: ExpectedVersion }),
  "request-approval": z.strictObject({ expectedVersion: ExpectedVersion }),
  approve: z.strictObject({ expectedVersion: ExpectedVersion, reason: z.string().trim().max(2000).optional() }),
  reject: z.strictObject({ expectedVersion: ExpectedVersion, reason: z.string().trim().min(1).max(2000) }),
  succeed: z.strictObject({ expectedVersion: ExpectedVersion }),
  fail: z.strictObject({
    expectedVersion: ExpectedVersion,
    code: z.string().trim().min(1).max(80),
    summary: z.string().max(5000),
  }),
  retry: z.strictObject({ expectedVersion: ExpectedVersion }),
  cancel: z.strictObject({ expectedVersion: ExpectedVersion }),
} as const;
export type JobAction = keyof typeof JOB_ACTION_INPUTS;

export const ListAssistantJobsQuery = z.strictObject({
  status: z.enum(ASSISTANT_JOB_STATUSES).optional(),
  type: z.string().min(1).max(80).optional(),
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  needsApproval: z.literal("true").optional(),
  ...PageQuery,
});
