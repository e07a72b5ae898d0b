import { z } from "zod";
import { CelExpression } from "./cel-expression.js";
import { Reference, Tags } from "./common.js";
import { cronProblem } from "./cron.js";
import { Duration } from "./duration.js";
import { EventPattern } from "./event-pattern.js";
import { JsonObject } from "./free-form-json.js";
import { idSchema } from "./ids.js";
import { DocContext, ProofRequirement } from "./proof.js";
import { RunLogLevel } from "./run-log.js";
import { Transform } from "./transform.js";
import { OnFailure, Step } from "./workflow-steps.js";

export const DEFAULT_STAGES = ["preparation", "announced", "after-event", "done"] as const;

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "expected a lowercase slug (a-z, 0-9, -)");

/** Five cron fields (minute hour day-of-month month day-of-week), as croner reads them (see cron.ts). */
export const CronExpression = z
  .string()
  .trim()
  .max(200)
  .superRefine((value, issue) => {
    const problem = cronProblem(value);
    if (problem) issue.addIssue({ code: "custom", message: problem });
  });

export const Trigger = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("manual") }),
  z.strictObject({
    type: z.literal("schedule"),
    cron: CronExpression,
    leadDays: z.number().int().min(0).max(365).default(0),
    enabled: z.boolean().default(true),
  }),
  z.strictObject({ type: z.literal("event"), eventPattern: z.string().trim().min(1).max(200) }),
]);
export type Trigger = z.infer<typeof Trigger>;

/** An event that starts a run: its pattern, and how the event becomes the run's input (seed 004). */
export const EventTrigger = z.strictObject({
  eventPattern: EventPattern,
  description: z.string().max(1000).optional(),
  /** Maps the event `{id, type, source, time, data}` to the input; without one the input is the event's data. */
  transform: Transform.optional(),
});
export type EventTrigger = z.infer<typeof EventTrigger>;

/** The extra fields a run's log entries may keep, named by `executionLog.metadata`. */
export const LOG_METADATA_FIELDS = [
  "userId",
  "correlationId",
  "triggerType",
  "triggerEventId",
  "workflowId",
  "workflowVersion",
  "attempt",
] as const;

/** How much of a run's history its log keeps, and for how long. */
export const ExecutionLog = z.strictObject({
  /** Entries below this level are not written. */
  level: RunLogLevel.default("info"),
  /** How long entries are kept (the run's own summary is kept for good). */
  retention: Duration.default("P30D"),
  metadata: z.array(z.enum(LOG_METADATA_FIELDS)).max(LOG_METADATA_FIELDS.length).default([]),
});
export type ExecutionLog = z.infer<typeof ExecutionLog>;

/** A view the portal shows for a run when `condition` (CEL over status, steps, variables, role) holds. */
export const UiComponent = z.strictObject({
  componentId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "expected a lowercase component ID"),
  condition: CelExpression.optional(),
  /** Lower comes first. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  context: JsonObject.default({}),
});
export type UiComponent = z.infer<typeof UiComponent>;

/** The DSL versions `workflow:import` reads; files without one are read as the current version. */
export const DSL_VERSION = 1;

export const Phase = z.strictObject({ id: Slug, name: z.string().trim().min(1), stage: z.string().min(1) });

export const RequiredLinkDefinition = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  required: z.boolean().default(true),
});

/** What an automated task does: an action from the registry (docs/workflow-actions.md) and its config. */
export const TaskAction = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, "expected an action type such as variables.set"),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type TaskAction = z.infer<typeof TaskAction>;

export const Outcome = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "expected a lowercase outcome name");

export const TaskDefinition = z.strictObject({
  refId: Slug,
  description: z.string().trim().min(1).max(2000),
  /** Days from the bundle's anchor date to the task's due date (a graph workflow's step tasks too). */
  offsetDays: z.number().int().min(-3650).max(3650).default(0),
  /** Present on an automated task: a step with this task runs the action instead of asking a person. */
  action: TaskAction.optional(),
  /** A human task's possible outcomes: completing it then requires one, and the step's output carries it. */
  outcomes: z.array(Outcome).min(2).max(20).optional(),
  isMilestone: z.boolean().default(false),
  stageOnComplete: z.string().min(1).optional(),
  assigneeId: idSchema("user").optional(),
  tags: Tags.default([]),
  sourceDocIds: z.array(z.string().min(1)).default([]),
  requiredLinkName: z.string().trim().min(1).optional(),
  requiresFile: z.boolean().default(false),
  proof: ProofRequirement.optional(),
  ...DocContext.shape,
});
export type TaskDefinition = z.infer<typeof TaskDefinition>;

/** A workflow as authored in Git under content/workflows/. Unknown keys are refused. */
export const WorkflowDefinition = z.strictObject({
  /** The DSL version the file was written in (docs/workflow-dsl.md). */
  dslVersion: z.literal(DSL_VERSION).optional(),
  workflowId: Slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(""),
  type: z.string().trim().min(1).max(80),
  stages: z
    .array(z.string().regex(/^[a-z0-9-]+$/))
    .min(1)
    .default([...DEFAULT_STAGES]),
  phases: z.array(Phase).default([]),
  tags: Tags.default([]),
  defaultAssigneeId: idSchema("user").optional(),
  sourceDocIds: z.array(z.string().min(1)).default([]),
  references: z.array(Reference).default([]),
  requiredLinks: z.array(RequiredLinkDefinition).default([]),
  trigger: Trigger.default({ type: "manual" }),
  tasks: z.array(TaskDefinition).min(1).max(500),
  /** A JSON Schema the run input must satisfy (graph workflows). */
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  /** The step graph: present, the workflow runs as a graph; absent, it is a checklist. */
  steps: z.array(Step).min(1).max(200).optional(),
  /** Used for a top-level step that has no onFailure of its own. */
  onFailure: OnFailure.optional(),
  /*
   * The fields below are optional without defaults, so definitions written before they existed keep
   * their content hash (and their published version).
   */
  /** Events that start a run (graph workflows and checklists alike). */
  triggers: z.array(EventTrigger).min(1).max(20).optional(),
  executionLog: ExecutionLog.optional(),
  uiComponents: z.array(UiComponent).min(1).max(50).optional(),
});
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinition>;

/** The definition without `dslVersion`: file-format metadata, not part of the workflow or its content hash. */
export function withoutDslVersion(definition: WorkflowDefinition): WorkflowDefinition {
  const { dslVersion: _fileFormat, ...rest } = definition;
  return rest;
}
