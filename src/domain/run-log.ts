import { z } from "zod";
import { Timestamp } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";
import { StepId } from "./workflow-steps.js";

export const RUN_LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export const RunLogLevel = z.enum(RUN_LOG_LEVELS);
export type RunLogLevel = z.infer<typeof RunLogLevel>;

/** True when `level` is at least `threshold` (debug < info < warn < error). */
export function atLeast(level: RunLogLevel, threshold: RunLogLevel): boolean {
  return RUN_LOG_LEVELS.indexOf(level) >= RUN_LOG_LEVELS.indexOf(threshold);
}

/**
 * One line of a run's log, append-only, written in the same atomic write as the transition it
 * describes. IDs are time-ordered, so a bundle's entries sort by ID in the order they happened.
 * `expiresAt` is when the retention GC (and DynamoDB's TTL) may delete it.
 */
export const RunLogEntry = z.strictObject({
  runLogId: idSchema("runLog"),
  bundleId: idSchema("bundle"),
  at: Timestamp,
  level: RunLogLevel,
  stepId: StepId.optional(),
  stepExecutionId: idSchema("stepExecution").optional(),
  message: z.string().min(1).max(2000),
  /** The fields the workflow's `executionLog.metadata` names, with their values at the time. */
  metadata: JsonObject.optional(),
  expiresAt: Timestamp,
});
export type RunLogEntry = z.infer<typeof RunLogEntry>;

/** Counts kept on the run itself, so they survive the retention GC that deletes the entries. */
export const RunLogSummary = z.strictObject({
  entries: z.number().int().min(0),
  warnings: z.number().int().min(0),
  errors: z.number().int().min(0),
  firstAt: Timestamp.optional(),
  lastAt: Timestamp.optional(),
});
export type RunLogSummary = z.infer<typeof RunLogSummary>;
