import type { Bundle } from "../../src/domain/bundle.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { addMs } from "../../src/domain/duration.js";
import type { StepExecution } from "../../src/domain/step-execution.js";
import type { Task } from "../../src/domain/task.js";
import { WorkflowDefinition, type WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import type { WorkflowVersion } from "../../src/domain/workflow-version.js";
import { decide } from "../../src/engine/decide.js";
import { buildGraph } from "../../src/engine/graph.js";
import { afterDecision } from "../../src/engine/load-run.js";
import { runEffect } from "../../src/engine/run-effect.js";
import type { ActionOutcome, EngineEvent, RunView } from "../../src/engine/run-view.js";

/**
 * The engine's core driven in memory: decide, apply the decision to the view, run the effects and
 * feed their results back, as the driver does, but with no store. `hold` keeps chosen steps' actions
 * from running, so a test can hand in a result of its own (an HTTP error, say).
 */
export function coreRun(
  definition: WorkflowDefinitionInput,
  options: { input?: Record<string, unknown>; start?: string; hold?: string[]; users?: string[] } = {},
) {
  const parsed = WorkflowDefinition.parse(definition);
  let now = options.start ?? "2026-03-02T09:00:00.000Z";
  let minted = 0;
  const version: WorkflowVersion = {
    workflowVersionId: "wfv_core",
    workflowId: parsed.workflowId,
    version: 1,
    contentHash: "x",
    sourcePath: "test",
    definition: parsed,
    createdAt: now,
  } as WorkflowVersion;
  const graph = buildGraph(parsed);
  if (!graph) throw new Error("not a graph workflow");
  const bundle: Bundle = {
    bundleId: "bnd_core",
    workflowId: parsed.workflowId,
    workflowVersionId: version.workflowVersionId,
    title: "core",
    anchorDate: "2026-03-02",
    stages: parsed.stages,
    stage: parsed.stages[0] ?? "preparation",
    status: "active",
    references: [],
    links: [],
    tags: [],
    taskCount: 0,
    openTaskCount: 0,
    runStatus: "pending",
    input: options.input ?? {},
    variables: {},
    runWakeAt: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  let view: RunView = { bundle, version, graph, steps: [], tasks: new Map() };
  const users = new Set(options.users ?? []);
  const ctx = {
    clock: { now: () => now, today: () => now.slice(0, 10) },
    repo: { users: { get: async (id: string) => (users.has(id) ? { userId: id } : undefined) } },
  } as unknown as Ctx;
  const env = () => ({
    now,
    random: () => 0.5,
    mint: (kind: string) => `${kind === "taskEvent" ? "tev" : "aud"}_m${++minted}`,
  });
  const notifications: unknown[] = [];

  async function send(event: EngineEvent) {
    let next: EngineEvent | undefined = event;
    for (let i = 0; next && i < 5000; i++) {
      const decision = decide(view, next, env());
      if (!decision) return;
      if (decision.write) {
        notifications.push(...decision.notifications);
        view = afterDecision(view, decision);
      }
      const run = decision.effects.filter((e) => !(options.hold ?? []).includes(e.stepId));
      if (run.length === 0) return;
      next = { type: "results", results: await Promise.all(run.map((e) => runEffect(ctx, view, e))) };
    }
  }

  const records = () => [...view.steps].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.attempt - b.attempt);
  const of = (stepId: string) => records().filter((r) => r.stepId === stepId);
  const latest = (stepId: string): StepExecution => {
    const found = of(stepId)
      .sort((a, b) => a.visit - b.visit || a.attempt - b.attempt)
      .at(-1);
    if (!found) throw new Error(`step ${stepId} has no attempt`);
    return found;
  };

  return {
    get bundle() {
      return view.bundle;
    },
    get now() {
      return now;
    },
    records,
    of,
    latest,
    notifications,
    task: (stepId: string): Task => {
      const taskId = latest(stepId).taskId;
      const task = taskId ? view.tasks.get(taskId) : undefined;
      if (!task) throw new Error(`step ${stepId} has no task`);
      return task;
    },
    /** The decision an event would cause now, without applying it. */
    peek: (event: EngineEvent) => decide(view, event, env()),
    start: () => send({ type: "wake" }),
    wake: () => send({ type: "wake" }),
    cancel: () => send({ type: "cancel" }),
    retry: () => send({ type: "retry" }),
    /** Hands in an action's result for a held step's running attempt. */
    result: (stepId: string, result: ActionOutcome["result"]) =>
      send({ type: "results", results: [{ stepExecutionId: latest(stepId).stepExecutionId, result }] }),
    /** Replaces a task as a person's write would, without waking the run. */
    setTask(task: Task) {
      view = { ...view, tasks: new Map(view.tasks).set(task.taskId, task) };
    },
    /** A person completes the step's task (as the task API would), then the run wakes. */
    async completeTask(stepId: string, fields: Partial<Task> = {}) {
      const task = latest(stepId).taskId ? view.tasks.get(latest(stepId).taskId as string) : undefined;
      if (!task) throw new Error(`step ${stepId} has no task`);
      const done: Task = { ...task, ...fields, status: "done", completedAt: now, version: task.version + 1 };
      view = { ...view, tasks: new Map(view.tasks).set(task.taskId, done) };
      await send({ type: "wake" });
    },
    /** Moves the clock to the run's next wake-up (or by `ms`) and wakes it. */
    async advance(ms?: number) {
      const target = ms === undefined ? view.bundle.runWakeAt : addMs(now, ms);
      if (!target) throw new Error("the run has no wake-up time");
      if (target > now) now = target;
      await send({ type: "wake" });
    },
  };
}
