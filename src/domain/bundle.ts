import { z } from "zod";
import { BundleLink, Reference, Tags, Version } from "./common.js";
import { CalendarDate, Timestamp } from "./dates.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";
import { RunLogSummary } from "./run-log.js";
import { StepError } from "./step-execution.js";
import { EventId } from "./workflow-event.js";
import { StepId } from "./workflow-steps.js";

export const BUNDLE_STATUSES = ["active", "completed", "canceled"] as const;
export const BundleStatus = z.enum(BUNDLE_STATUSES);
export type BundleStatus = z.infer<typeof BundleStatus>;

export const RUN_STATUSES = ["pending", "running", "waiting", "completed", "failed", "canceled"] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;

/** How a bundle was started: by a person (the API), a schedule, an event, or a signed webhook. */
export const TRIGGER_TYPES = ["manual", "schedule", "event", "webhook"] as const;
export const TriggerType = z.enum(TRIGGER_TYPES);
export type TriggerType = z.infer<typeof TriggerType>;

/** Why a run failed, and at which top-level step (where a retry resumes). */
export const RunError = StepError.extend({ stepId: StepId.optional() });
export type RunError = z.infer<typeof RunError>;

/** A runtime instance of a workflow: its own tasks, dates and links, pinned to one workflow version. */
export const Bundle = z.strictObject({
  bundleId: idSchema("bundle"),
  workflowId: z.string().min(1).optional(),
  workflowVersionId: idSchema("workflowVersion").optional(),
  title: z.string().trim().min(1).max(300),
  description: z.string().max(5000).optional(),
  anchorDate: CalendarDate,
  stages: z.array(z.string().min(1)).min(1),
  stage: z.string().min(1),
  /** The stage to return to when a completed bundle is reopened. */
  stageBeforeCompletion: z.string().min(1).optional(),
  status: BundleStatus,
  references: z.array(Reference),
  links: z.array(BundleLink),
  tags: Tags,
  taskCount: z.number().int().min(0),
  openTaskCount: z.number().int().min(0),
  completedAt: Timestamp.optional(),
  completedBy: idSchema("user").optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  requestHash: z.string().optional(),
  createdBy: idSchema("user").optional(),
  /** The run of a graph workflow (absent on a checklist bundle): docs/workflow-engine.md. */
  runStatus: RunStatus.optional(),
  input: JsonObject.optional(),
  variables: JsonObject.optional(),
  error: RunError.optional(),
  correlationId: z.string().trim().min(1).max(200).optional(),
  /** When the run next needs a worker: now for runnable work, a timer's time, or absent. */
  runWakeAt: Timestamp.optional(),
  triggerType: TriggerType.optional(),
  /** The event (or webhook call) that started it. */
  triggerEventId: EventId.optional(),
  /** What the run's log held, kept here so it survives the log's retention. */
  logSummary: RunLogSummary.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Bundle = z.infer<typeof Bundle>;
