import { z } from "zod";
import { HttpUrl, OptionalLink, Tags } from "./common.js";
import { CalendarDate, Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";
import { DocContext, ProofRequirement, TaskValidation } from "./proof.js";
import { FOLLOW_UP_CHANNELS } from "./task.js";

const ExpectedVersion = z.number().int().min(1);
const Link = OptionalLink;
const Note = z.string().trim().min(1).max(5000);

/** Gate definitions: set freely on a new task, changed later only by an admin. */
export const GATE_FIELDS = ["requiredLinkName", "requiresFile", "proofRequirement", "validation"] as const;

export const CreateTaskInput = z.strictObject({
  description: z.string().trim().min(1).max(2000),
  date: CalendarDate,
  bundleId: idSchema("bundle").optional(),
  assigneeId: idSchema("user").optional(),
  tags: Tags.optional(),
  comment: z.string().max(5000).optional(),
  link: Link.optional(),
  requiredLinkName: z.string().trim().min(1).max(100).optional(),
  requiresFile: z.boolean().optional(),
  proofRequirement: ProofRequirement.optional(),
  ...DocContext.shape,
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

export const UpdateTaskInput = z.strictObject({
  expectedVersion: ExpectedVersion,
  description: z.string().trim().min(1).max(2000).optional(),
  date: CalendarDate.optional(),
  assigneeId: idSchema("user").nullable().optional(),
  comment: z.string().max(5000).optional(),
  link: Link.optional(),
  tags: Tags.optional(),
  externalStatus: z.string().max(200).optional(),
  requiredLinkName: z.string().trim().min(1).max(100).nullable().optional(),
  requiresFile: z.boolean().optional(),
  proofRequirement: ProofRequirement.nullable().optional(),
  validation: TaskValidation.nullable().optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

const ProofFields = {
  /** Required when the task declares outcomes (a graph workflow's approval): one of them. */
  outcome: z.string().trim().min(1).max(40).optional(),
  link: Link.optional(),
  comment: z.string().max(5000).optional(),
  externalStatus: z.string().max(200).optional(),
};

export const TRANSITION_INPUTS = {
  complete: z.strictObject({ expectedVersion: ExpectedVersion, ...ProofFields }),
  reopen: z.strictObject({ expectedVersion: ExpectedVersion, note: Note.optional() }),
  "mark-waiting": z.strictObject({
    expectedVersion: ExpectedVersion,
    waitingFor: z.string().trim().min(1).max(500),
    followUpAt: Timestamp,
    channel: z.enum(FOLLOW_UP_CHANNELS).optional(),
    note: Note.optional(),
  }),
  "follow-up-sent": z.strictObject({
    expectedVersion: ExpectedVersion,
    note: Note,
    nextFollowUpAt: Timestamp,
    channel: z.enum(FOLLOW_UP_CHANNELS).optional(),
  }),
  "response-received": z.strictObject({ expectedVersion: ExpectedVersion, note: Note.optional() }),
  "resolve-done": z.strictObject({ expectedVersion: ExpectedVersion, note: Note.optional(), ...ProofFields }),
} as const;
export type TransitionName = keyof typeof TRANSITION_INPUTS;
export type TransitionInput<N extends TransitionName> = z.infer<(typeof TRANSITION_INPUTS)[N]>;

export const UpdateBundleInput = z.strictObject({
  expectedVersion: ExpectedVersion,
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().max(5000).optional(),
  stage: z.string().min(1).max(80).optional(),
  links: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(100), url: Link }))
    .max(50)
    .optional(),
  tags: Tags.optional(),
  references: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), url: HttpUrl }))
    .max(50)
    .optional(),
});
export type UpdateBundleInput = z.infer<typeof UpdateBundleInput>;

export const RescheduleBundleInput = z.strictObject({ expectedVersion: ExpectedVersion, anchorDate: CalendarDate });
export type RescheduleBundleInput = z.infer<typeof RescheduleBundleInput>;
