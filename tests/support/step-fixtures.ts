import type { RunLogEntry } from "../../src/domain/run-log.js";
import type { StepExecution } from "../../src/domain/step-execution.js";
import { ids, T0, T1 } from "./fixtures.js";

/** A run's records: its log entries and step executions (re-exported by fixtures.ts). */
export function runLogEntry(bundleId: string, over: Partial<RunLogEntry> = {}): RunLogEntry {
  return {
    runLogId: ids.next("runLog"),
    bundleId,
    at: T0,
    level: "info",
    message: "step started",
    expiresAt: "2026-06-01T00:00:00.000Z",
    ...over,
  };
}

export function stepExecution(bundleId: string, over: Partial<StepExecution> = {}): StepExecution {
  return {
    stepExecutionId: ids.next("stepExecution"),
    bundleId,
    branchPath: "",
    stepId: "review",
    visit: 1,
    attempt: 1,
    status: "running",
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

/** A step attempt with every optional field set (`taskId` only when given). */
export function fullStepExecution(bundleId: string, over: Partial<StepExecution> = {}): StepExecution {
  return stepExecution(bundleId, {
    branchPath: "fanOut.2/left/inner.1/deep",
    stepId: "charge_card",
    visit: 3,
    attempt: 2,
    status: "failed",
    startedAt: T0,
    endedAt: T1,
    wakeAt: "2026-03-02T10:00:00.500Z",
    input: { amount: 1200, card: { last4: "4242" } },
    output: { receipt: "r-1", lines: [{ sku: "a", qty: 2 }] },
    error: { type: "PaymentDeclined", code: "card_declined", message: 'declined, (twice) \\ "quoted"' },
    ...over,
  });
}
