import type { Bundle } from "../domain/bundle.js";
import type { Timestamp } from "../domain/dates.js";
import type { Notification } from "../domain/notification.js";
import type { StepError, StepExecution } from "../domain/step-execution.js";
import type { Task, TaskEvent } from "../domain/task.js";
import type { TaskAction } from "../domain/workflow-definition.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import type { Graph } from "./graph.js";

/** Everything the engine decides from: the run (its bundle), its workflow and its records, as stored. */
export type RunView = {
  bundle: Bundle;
  version: WorkflowVersion;
  graph: Graph;
  steps: StepExecution[];
  /** The tasks human steps wait on (by taskId); a missing one was deleted. */
  tasks: Map<string, Task>;
};

/** What happened: the only inputs the engine reacts to. */
export type EngineEvent =
  /** Look at the run: start it if pending, fire due timers, notice finished tasks, resume lost work. */
  | { type: "wake" }
  /** Actions the driver ran, each for the attempt (stepExecutionId) it was handed. */
  | { type: "results"; results: ActionOutcome[] }
  | { type: "cancel" }
  /** A failed run resumes at its failed top-level step. */
  | { type: "retry" };

/** What records an action asks to be written with its step's completion (exactly once: same atomic write). */
export type ActionWrites = {
  /** Merged into the run's variables. */
  variables?: Record<string, unknown>;
  tasks?: Task[];
  notifications?: Notification[];
  stage?: string;
};

export type ActionResult =
  | { status: "completed"; output: Record<string, unknown>; writes?: ActionWrites }
  | { status: "failed"; error: StepError }
  /** The step waits (a delay) until `until`. */
  | { status: "waiting"; until: Timestamp };

export type ActionOutcome = { stepExecutionId: string; result: ActionResult };

/** An action to run after the transition that started its attempt is written. */
export type Effect = {
  stepExecutionId: string;
  stepId: string;
  action: TaskAction;
  /** Stable across deliveries of one attempt: (bundle, branch path, step, visit, attempt). */
  idempotencyKey: string;
  /** When the step times out, if it has a timeout. */
  deadline?: Timestamp;
};

/** One transition: the records to write in one atomic call, and the effects to start after it. */
export type Decision = {
  /** False when the transition only re-starts effects of attempts already recorded (a resume). */
  write: boolean;
  bundle: Bundle;
  createSteps: StepExecution[];
  updateSteps: { next: StepExecution; expectedVersion: number }[];
  createTasks: Task[];
  updateTasks: { next: Task; expectedVersion: number }[];
  taskEvents: TaskEvent[];
  notifications: Notification[];
  effects: Effect[];
  /** Short lines saying what happened, for the audit event and logs. */
  notes: string[];
};

/** What the core needs besides the view: the time, a random source (jitter) and fresh IDs. */
export type DecideEnv = {
  now: Timestamp;
  random: () => number;
  /** Mints an ID for records whose identity does not matter (task events, audit events). */
  mint: (kind: "taskEvent" | "auditEvent") => string;
  actorId?: string;
};
