import { z } from "zod";
import { Tags, Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { Metadata } from "./metadata.js";
import { Checksum, DataClass, StorageProvider } from "./storage.js";
import { uriField } from "./uri-policy.js";

export const ARTIFACT_TYPES = [
  "podcast-doc",
  "transcript",
  "recording",
  "report",
  "invoice",
  "event-page",
  "assistant-output",
  "external-link",
  "other",
] as const;
export const ARTIFACT_STATUSES = ["draft", "needs-review", "approved", "rejected", "archived", "superseded"] as const;
export const ArtifactStatus = z.enum(ARTIFACT_STATUSES);
export const ARTIFACT_SOURCE_TYPES = [
  "manual-link",
  "manual-upload",
  "assistant-output",
  "import",
  "migration",
  "system",
] as const;

/** Metadata of a piece of work output, wherever it is stored; only `approved` satisfies proof. */
export const Artifact = z.strictObject({
  artifactId: idSchema("artifact"),
  type: z.enum(ARTIFACT_TYPES),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(5000).optional(),
  status: ArtifactStatus,
  storageProvider: StorageProvider,
  storageUri: uriField("storage"),
  filename: z.string().min(1).max(255).optional(),
  contentType: z.string().min(1).max(200).optional(),
  checksum: Checksum.optional(),
  sizeBytes: z.number().int().min(0).optional(),
  dataClass: DataClass,
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  assistantJobId: idSchema("assistantJob").optional(),
  fileId: idSchema("file").optional(),
  sourceType: z.enum(ARTIFACT_SOURCE_TYPES),
  createdBy: idSchema("user").optional(),
  reviewedBy: idSchema("user").optional(),
  reviewedAt: Timestamp.optional(),
  supersededBy: idSchema("artifact").optional(),
  tags: Tags,
  metadata: Metadata.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Artifact = z.infer<typeof Artifact>;
