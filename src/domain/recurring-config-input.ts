import { z } from "zod";
import { Tags } from "./common.js";
import { InputTimeZone } from "./dates.js";
import { idSchema } from "./ids.js";
import { CronExpression } from "./workflow-definition.js";

const fields = {
  title: z.string().trim().min(1).max(300),
  assigneeId: idSchema("user"),
  tags: Tags,
  cron: CronExpression,
  /** IANA name; defaults to TEAM_TIME_ZONE. */
  timeZone: InputTimeZone,
  leadDays: z.number().int().min(0).max(365),
  enabled: z.boolean(),
};

/** `POST /api/recurring-configs`: a bundle from `workflowId` or a task from `taskDescription` (exactly one). */
export const CreateRecurringConfigInput = z
  .strictObject({
    title: fields.title,
    workflowId: z.string().min(1).max(80).optional(),
    taskDescription: z.string().trim().min(1).max(2000).optional(),
    assigneeId: fields.assigneeId.optional(),
    tags: fields.tags.optional(),
    cron: fields.cron,
    timeZone: fields.timeZone.optional(),
    leadDays: fields.leadDays.optional(),
    enabled: fields.enabled.optional(),
  })
  .refine((c) => (c.workflowId === undefined) !== (c.taskDescription === undefined), {
    message: "give either workflowId (a bundle) or taskDescription (a task), not both",
    path: ["workflowId"],
  });
export type CreateRecurringConfigInput = z.infer<typeof CreateRecurringConfigInput>;

/** `PATCH /api/recurring-configs/:id`: what it creates stays; `assigneeId: null` clears the assignee. */
export const UpdateRecurringConfigInput = z.strictObject({
  expectedVersion: z.number().int().min(1),
  title: fields.title.optional(),
  taskDescription: z.string().trim().min(1).max(2000).optional(),
  assigneeId: fields.assigneeId.nullable().optional(),
  tags: fields.tags.optional(),
  cron: fields.cron.optional(),
  timeZone: fields.timeZone.optional(),
  leadDays: fields.leadDays.optional(),
  enabled: fields.enabled.optional(),
});
export type UpdateRecurringConfigInput = z.infer<typeof UpdateRecurringConfigInput>;
