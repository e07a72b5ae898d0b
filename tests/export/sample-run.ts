import type { Bundle } from "../../src/domain/bundle.js";
import type { Repository, RunWrite } from "../../src/repositories/repository.js";
import * as f from "../support/fixtures.js";

const at = (hour: number) => `2026-03-02T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** `bundle` at its next version with `over` (undefined clears a field), and the parts of a run write that are empty unless given. */
function transition(bundle: Bundle, over: Partial<Bundle>, parts: Partial<Omit<RunWrite, "bundle">>): RunWrite {
  const changed = { ...bundle, ...over, version: bundle.version + 1, updatedAt: at(12) };
  const next = Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined)) as Bundle;
  return {
    bundle: { next, expectedVersion: bundle.version },
    createSteps: [],
    updateSteps: [],
    createTasks: [],
    updateTasks: [],
    taskEvents: [],
    notifications: [],
    audit: [f.audit("bundle", bundle.bundleId, { action: "bundle.run-advanced" })],
    logs: [],
    ...parts,
  };
}

/**
 * Two runs of a graph workflow, written through the run store as the engine would: one failed after its
 * approval task was decided (run error, a done task with its outcome, completed and failed steps), one
 * waiting on a timer (wake time, a pending step). Every run, step and outcome field ends up stored.
 */
export async function seedSampleRuns(repo: Repository, actorId: string): Promise<{ failed: string; waiting: string }> {
  const failed = f.runBundle({ title: "Approve order 42", runWakeAt: at(9) });
  const waiting = f.runBundle({ title: "Order 43", runWakeAt: at(10) });
  for (const bundle of [failed, waiting])
    await repo.bundles.createWithTasks({
      bundle,
      tasks: [],
      taskEvents: [],
      audit: [f.audit("bundle", bundle.bundleId)],
    });

  const { error: _none, ...check } = f.fullStepExecution(failed.bundleId, { stepId: "check", status: "completed" });
  const approve = f.stepExecution(failed.bundleId, { stepId: "approve", status: "waiting", startedAt: at(10) });
  const task = f.task({
    bundleId: failed.bundleId,
    description: "Approve order 42",
    source: "workflow",
    stepExecutionId: approve.stepExecutionId,
    outcomes: ["approve", "reject"],
  });
  const started = transition(
    failed,
    { taskCount: 1, openTaskCount: 1, variables: { checked: true } },
    {
      createSteps: [check, { ...approve, taskId: task.taskId }],
      createTasks: [task],
      taskEvents: [f.taskEvent(task.taskId, { bundleId: failed.bundleId })],
      notifications: [
        f.notification({
          type: "workflow-message",
          bundleId: failed.bundleId,
          taskId: task.taskId,
          message: "Approve",
        }),
      ],
    },
  );
  await repo.runs.apply(started);
  const decided = { ...task, status: "done" as const, outcome: "reject", completedAt: at(11), completedBy: actorId };
  const ended = { ...approve, taskId: task.taskId, status: "failed" as const, endedAt: at(11) };
  await repo.runs.apply(
    transition(
      started.bundle.next,
      {
        runStatus: "failed",
        error: { type: "Rejected", code: "order_rejected", message: "the approver rejected it", stepId: "approve" },
        runWakeAt: undefined,
        openTaskCount: 0,
      },
      {
        updateTasks: [{ next: { ...decided, version: 2, updatedAt: at(11) }, expectedVersion: 1 }],
        updateSteps: [
          { next: { ...ended, error: { type: "Rejected", message: "rejected" }, version: 2 }, expectedVersion: 1 },
        ],
        taskEvents: [f.taskEvent(task.taskId, { bundleId: failed.bundleId, kind: "completed", actorId })],
      },
    ),
  );

  const timer = f.stepExecution(waiting.bundleId, { stepId: "wait_a_day", status: "waiting", wakeAt: at(15) });
  await repo.runs.apply(transition(waiting, { runStatus: "waiting", runWakeAt: at(15) }, { createSteps: [timer] }));
  return { failed: failed.bundleId, waiting: waiting.bundleId };
}
