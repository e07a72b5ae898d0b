import { z } from "zod";
import { Tags, Version } from "./common.js";
import { Timestamp, TimeZone } from "./dates.js";
import { idSchema } from "./ids.js";
import { CronExpression } from "./workflow-definition.js";

/**
 * A schedule that creates work: a bundle from `workflowId`, or a single task from `taskDescription`
 * (exactly one). `nextRunAt` is when the next occurrence's work is created: the occurrence in
 * `timeZone` less `leadDays` days. `runCount` counts occurrences that created work (a config that
 * has created work cannot be deleted); `skippedCount` counts occurrences passed over after downtime.
 */
export const RecurringConfig = z
  .strictObject({
    recurringConfigId: idSchema("recurringConfig"),
    title: z.string().trim().min(1).max(300),
    workflowId: z.string().min(1).optional(),
    taskDescription: z.string().trim().min(1).max(2000).optional(),
    assigneeId: idSchema("user").optional(),
    tags: Tags,
    cron: CronExpression,
    timeZone: TimeZone,
    leadDays: z.number().int().min(0).max(365),
    enabled: z.boolean(),
    nextRunAt: Timestamp,
    lastRunAt: Timestamp.optional(),
    runCount: z.number().int().min(0),
    skippedCount: z.number().int().min(0),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .refine((c) => (c.workflowId === undefined) !== (c.taskDescription === undefined), {
    message: "a recurring config creates either a bundle (workflowId) or a task (taskDescription)",
    path: ["workflowId"],
  });
export type RecurringConfig = z.infer<typeof RecurringConfig>;
