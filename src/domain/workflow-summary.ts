import { z } from "zod";
import { Trigger } from "./workflow-definition.js";

/** A loaded workflow with its current published version, as listed by the API. */
export const WorkflowSummary = z.object({
  workflowId: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.string(),
  tags: z.array(z.string()),
  trigger: Trigger,
  taskCount: z.number().int(),
  sourcePath: z.string(),
  currentVersion: z.object({ workflowVersionId: z.string(), version: z.number().int(), contentHash: z.string() }),
});
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;
