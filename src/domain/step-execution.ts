import { z } from "zod";
import { Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";
import { ErrorName, StepId } from "./workflow-steps.js";

export const STEP_STATUSES = ["pending", "running", "waiting", "completed", "failed", "skipped", "canceled"] as const;
export const StepStatus = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatus>;
/** Statuses of an attempt that is not over yet. */
export const ACTIVE_STEP_STATUSES = ["pending", "running", "waiting"] as const satisfies readonly StepStatus[];

/** What went wrong: `type` and `code` are what error handlers match on. */
export const StepError = z.strictObject({
  type: ErrorName,
  code: ErrorName.optional(),
  message: z.string().max(2000),
});
export type StepError = z.infer<typeof StepError>;

/** Where a step sits: "" at the top level; `<parallel stepId>.<visit>/<branchId>` per level of nesting. */
export const BranchPath = z
  .string()
  .max(600)
  .regex(/^(?:[A-Za-z][A-Za-z0-9_]*\.[1-9][0-9]*\/[A-Za-z][A-Za-z0-9_]*(?:\/|$))*$/, "expected a branch path");

/**
 * One attempt of one step of a run: unique per (bundle, branch path, step, visit, attempt). A step
 * reached again through a loop is a new visit; each visit's attempts start at 1.
 */
export const StepExecution = z.strictObject({
  stepExecutionId: idSchema("stepExecution"),
  bundleId: idSchema("bundle"),
  branchPath: BranchPath,
  stepId: StepId,
  visit: z.number().int().min(1).max(100_000),
  attempt: z.number().int().min(1).max(1000),
  status: StepStatus,
  /** The task a human step waits on. */
  taskId: idSchema("task").optional(),
  startedAt: Timestamp.optional(),
  endedAt: Timestamp.optional(),
  /** When the attempt needs attention without any other event: a retry delay, a delay step, a timeout. */
  wakeAt: Timestamp.optional(),
  input: JsonObject.optional(),
  output: JsonObject.optional(),
  error: StepError.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type StepExecution = z.infer<typeof StepExecution>;
