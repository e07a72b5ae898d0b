import { durationMs } from "../domain/duration.js";
import type { RetryPolicy } from "../domain/workflow-steps.js";

/** What `onFailure.action: retry` means on a step without a retryPolicy. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  delay: "PT30S",
  strategy: "exponential",
  jitter: "none",
};

/**
 * The wait before attempt `failed + 1`, after attempt `failed` (1-based) failed:
 * fixed: `delay`; exponential: `delay * backoffRate^(failed - 1)` (rate 2 unless set);
 * then capped at `maxDelay`; with `jitter: full`, drawn uniformly from [0, that wait).
 */
export function retryDelayMs(policy: RetryPolicy, failed: number, random: () => number): number {
  const base = durationMs(policy.delay) ?? 0;
  const grown = policy.strategy === "exponential" ? base * (policy.backoffRate ?? 2) ** (failed - 1) : base;
  const cap = policy.maxDelay === undefined ? Number.POSITIVE_INFINITY : (durationMs(policy.maxDelay) ?? 0);
  const capped = Math.min(grown, cap);
  return Math.round(policy.jitter === "full" ? random() * capped : capped);
}
