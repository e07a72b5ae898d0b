import { z } from "zod";
import { CelExpression } from "./cel-expression.js";
import { Duration } from "./duration.js";

/*
 * Seed 004's step graph, with its names: steps with `next` transitions, `parallelBranches`,
 * `retryPolicy`, `timeout` and `onFailure`. The runtime meaning of every field is in
 * docs/workflow-engine.md; the rules a schema cannot express (references, reachability) are in
 * src/content/check-graph.ts.
 */

/** Step and branch IDs: unique across the whole definition, so `steps.<stepId>` names one step. */
export const StepId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "expected a step ID (a letter, then letters, digits or _)");

export const Transition = z.strictObject({ nextStepId: StepId, condition: CelExpression.optional() });
export type Transition = z.infer<typeof Transition>;

export const RetryPolicy = z.strictObject({
  /** Every attempt counts, the first included: 1 means no retry. */
  maxAttempts: z.number().int().min(1).max(25),
  /** The wait before the second attempt. */
  delay: Duration,
  strategy: z.enum(["fixed", "exponential"]).default("fixed"),
  /** Exponential growth per attempt; 2 when absent. */
  backoffRate: z.number().min(1).max(10).optional(),
  /** No wait is longer than this. */
  maxDelay: Duration.optional(),
  /** `full`: each wait is drawn uniformly from zero to the computed wait. */
  jitter: z.enum(["none", "full"]).default("none"),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const ErrorName = z.string().trim().min(1).max(100);

export const ErrorCondition = z
  .strictObject({ errorType: ErrorName.optional(), errorCode: ErrorName.optional(), nextStepId: StepId })
  .refine((c) => c.errorType !== undefined || c.errorCode !== undefined, "name an errorType, an errorCode or both");

export const OnFailure = z.strictObject({
  action: z.enum(["continue", "stop", "retry"]).default("stop"),
  nextStepId: StepId.optional(),
  errorHandler: z.strictObject({ conditions: z.array(ErrorCondition).min(1).max(50) }).optional(),
});
export type OnFailure = z.infer<typeof OnFailure>;

export const MAX_BRANCHES = 20;

export const Step = z
  .strictObject({
    stepId: StepId,
    /** A task definition's refId in the same file; absent only on a step with parallelBranches. */
    taskId: z.string().min(1).max(80).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    next: z.array(Transition).max(50).optional(),
    get parallelBranches() {
      return z.array(Branch).min(1).max(MAX_BRANCHES).optional();
    },
    retryPolicy: RetryPolicy.optional(),
    timeout: Duration.optional(),
    onFailure: OnFailure.optional(),
  })
  .meta({ id: "WorkflowStep" });
export type Step = z.infer<typeof Step>;

export const Branch = z.strictObject({
  branchId: StepId,
  get steps() {
    return z.array(Step).min(1).max(100);
  },
});
export type Branch = z.infer<typeof Branch>;
