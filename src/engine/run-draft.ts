import type { Bundle } from "../domain/bundle.js";
import { derivedId } from "../domain/ids.js";
import type { Notification } from "../domain/notification.js";
import { ACTIVE_STEP_STATUSES, type StepExecution } from "../domain/step-execution.js";
import type { Task, TaskEvent } from "../domain/task.js";
import type { DecideEnv, Decision, Effect, RunView } from "./run-view.js";

/** How many attempt records one run may hold, loops included: past it the run fails with LimitError. */
export const MAX_RUN_RECORDS = 2000;

export const isActive = (record: StepExecution) => (ACTIVE_STEP_STATUSES as readonly string[]).includes(record.status);

/** The natural key of an attempt, and the seed of its derived ID (and of its idempotency key). */
export const attemptKey = (r: Pick<StepExecution, "bundleId" | "branchPath" | "stepId" | "visit" | "attempt">) =>
  `${r.bundleId}|${r.branchPath}|${r.stepId}|${r.visit}|${r.attempt}`;

/**
 * A run being changed by one transition: a working copy of its bundle, records and tasks that the
 * step rules edit in place, remembering what was created and changed so the transition can be
 * written as one atomic call.
 */
export class RunDraft {
  readonly bundle: Bundle;
  readonly records = new Map<string, StepExecution>();
  readonly tasks: Map<string, Task>;
  private readonly createdRecords = new Set<string>();
  private readonly recordVersions = new Map<string, number>();
  private readonly createdTasks = new Set<string>();
  private readonly taskVersions = new Map<string, number>();
  readonly taskEvents: TaskEvent[] = [];
  readonly notifications: Notification[] = [];
  readonly effects: Effect[] = [];
  readonly notes: string[] = [];

  constructor(
    readonly view: RunView,
    readonly env: DecideEnv,
  ) {
    this.bundle = { ...view.bundle };
    for (const record of view.steps) this.records.set(record.stepExecutionId, record);
    this.tasks = new Map(view.tasks);
  }

  get now() {
    return this.env.now;
  }

  get graph() {
    return this.view.graph;
  }

  /** A derived, deterministic ID for a record this run makes (so a repeated transition cannot make it twice). */
  derived(kind: "stepExecution" | "task" | "notification", seed: string): string {
    return derivedId(kind, Date.parse(this.view.bundle.createdAt), seed);
  }

  active(): StepExecution[] {
    return [...this.records.values()].filter(isActive);
  }

  /** Records of one (branch path, step), oldest visit and attempt first. */
  attemptsOf(branchPath: string, stepId: string): StepExecution[] {
    return [...this.records.values()]
      .filter((r) => r.branchPath === branchPath && r.stepId === stepId)
      .sort((a, b) => a.visit - b.visit || a.attempt - b.attempt);
  }

  addRecord(record: StepExecution) {
    this.records.set(record.stepExecutionId, record);
    this.createdRecords.add(record.stepExecutionId);
  }

  /** Changes a record (created or stored); a stored one is written at the version it was read. */
  changeRecord(record: StepExecution, change: Partial<StepExecution>) {
    const id = record.stepExecutionId;
    const current = this.records.get(id) ?? record;
    if (!this.createdRecords.has(id) && !this.recordVersions.has(id)) this.recordVersions.set(id, current.version);
    const next = { ...current, ...change, updatedAt: this.now };
    this.records.set(id, next);
    return next;
  }

  addTask(task: Task, event: TaskEvent) {
    this.tasks.set(task.taskId, task);
    this.createdTasks.add(task.taskId);
    this.taskEvents.push(event);
  }

  changeTask(task: Task, change: Partial<Task>, event: TaskEvent) {
    const id = task.taskId;
    const current = this.tasks.get(id) ?? task;
    if (!this.createdTasks.has(id) && !this.taskVersions.has(id)) this.taskVersions.set(id, current.version);
    this.tasks.set(id, { ...current, ...change, updatedAt: this.now });
    this.taskEvents.push(event);
  }

  get recordCount() {
    return this.records.size;
  }

  decision(bundle: Bundle): Decision {
    const record = (id: string) => this.records.get(id) as StepExecution;
    const task = (id: string) => this.tasks.get(id) as Task;
    return {
      write: true,
      bundle,
      createSteps: [...this.createdRecords].map(record),
      updateSteps: [...this.recordVersions].map(([id, expectedVersion]) => ({
        next: { ...record(id), version: expectedVersion + 1 },
        expectedVersion,
      })),
      createTasks: [...this.createdTasks].map(task),
      updateTasks: [...this.taskVersions].map(([id, expectedVersion]) => ({
        next: { ...task(id), version: expectedVersion + 1 },
        expectedVersion,
      })),
      taskEvents: this.taskEvents,
      notifications: this.notifications,
      effects: this.effects,
      notes: this.notes,
    };
  }
}
