import { z } from "zod";
import { Tags, Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { CronExpression } from "./workflow-definition.js";

/** A schedule that creates work: a bundle from `workflowId`, or a single task from `taskDescription`. */
export const RecurringConfig = z.strictObject({
  recurringConfigId: idSchema("recurringConfig"),
  title: z.string().trim().min(1).max(300),
  workflowId: z.string().min(1).optional(),
  taskDescription: z.string().trim().min(1).max(2000).optional(),
  assigneeId: idSchema("user").optional(),
  tags: Tags,
  cron: CronExpression,
  leadDays: z.number().int().min(0).max(365),
  enabled: z.boolean(),
  nextRunAt: Timestamp,
  lastRunAt: Timestamp.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RecurringConfig = z.infer<typeof RecurringConfig>;
