import { z } from "zod";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { WorkflowDefinition } from "./workflow-definition.js";

/** An immutable published snapshot of a definition; one per distinct content hash. */
export const WorkflowVersion = z.strictObject({
  workflowVersionId: idSchema("workflowVersion"),
  workflowId: z.string().min(1),
  version: z.number().int().min(1),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  sourcePath: z.string().min(1),
  definition: WorkflowDefinition,
  createdAt: Timestamp,
});
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;
