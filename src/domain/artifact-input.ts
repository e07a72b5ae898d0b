import { z } from "zod";
import { ARTIFACT_SOURCE_TYPES, ARTIFACT_TYPES } from "./artifact.js";
import { Tags } from "./common.js";
import { idSchema } from "./ids.js";
import { Metadata } from "./metadata.js";
import { Checksum, DataClass, StorageProvider } from "./storage.js";
import { uriField } from "./uri-policy.js";

const ExpectedVersion = z.number().int().min(1);

export const CreateArtifactInput = z.strictObject({
  type: z.enum(ARTIFACT_TYPES),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(5000).optional(),
  /** Never `approved` on create: approval is a review action. */
  status: z.enum(["draft", "needs-review"]).default("draft"),
  storageProvider: StorageProvider.optional(),
  storageUri: uriField("storage"),
  filename: z.string().min(1).max(255).optional(),
  contentType: z.string().min(1).max(200).optional(),
  checksum: Checksum.optional(),
  sizeBytes: z.number().int().min(0).optional(),
  dataClass: DataClass.default("internal"),
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  assistantJobId: idSchema("assistantJob").optional(),
  fileId: idSchema("file").optional(),
  sourceType: z.enum(ARTIFACT_SOURCE_TYPES).default("manual-link"),
  tags: Tags.optional(),
  metadata: Metadata.optional(),
});
export type CreateArtifactInput = z.infer<typeof CreateArtifactInput>;

/** Metadata only: status, storage and relationships change through actions. */
export const UpdateArtifactInput = z.strictObject({
  expectedVersion: ExpectedVersion,
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(5000).optional(),
  dataClass: DataClass.optional(),
  tags: Tags.optional(),
  metadata: Metadata.optional(),
});
export type UpdateArtifactInput = z.infer<typeof UpdateArtifactInput>;

export const ARTIFACT_ACTION_INPUTS = {
  submit: z.strictObject({ expectedVersion: ExpectedVersion }),
  approve: z.strictObject({ expectedVersion: ExpectedVersion }),
  reject: z.strictObject({ expectedVersion: ExpectedVersion, reason: z.string().trim().min(1).max(2000) }),
  archive: z.strictObject({ expectedVersion: ExpectedVersion }),
  supersede: z.strictObject({ expectedVersion: ExpectedVersion, supersededBy: idSchema("artifact") }),
  attach: z
    .strictObject({
      expectedVersion: ExpectedVersion,
      taskId: idSchema("task").optional(),
      bundleId: idSchema("bundle").optional(),
    })
    .refine((v) => v.taskId !== undefined || v.bundleId !== undefined, "give taskId, bundleId or both"),
} as const;
export type ArtifactAction = keyof typeof ARTIFACT_ACTION_INPUTS;
