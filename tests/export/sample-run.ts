import type { Bundle } from "../../src/domain/bundle.js";
import type { Repository, RunWrite } from "../../src/repositories/repository.js";
import * as f from "../support/fixtures.js";

const at = (hour: number) => `2026-03-02T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** `bundle` at its next version with `over` (undefined clears a field), and the parts of a run write that are empty unless given. */
function transition(bundle: Bundle, over: Partial<Bundle>, parts: Partial<Omit<RunWrite, "bundle">>): RunWrite {
  const changed = { ...bundle, ...over, version: bundle.version + 1, updatedAt: at(12) };
  const next = Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined)) as Bundle;
  return f.runWrite(bundle, next, parts);
}

/**
 * Two runs of a graph workflow, written through the run store as the engine would: one started by an
 * event posted to the API, failed after its approval task was decided (run error, a done task with
 * its outcome, completed and failed steps, an event it emitted), one started by a webhook and waiting
 * on a timer (wake time, a pending step). Every run, step, outcome, trigger and log field ends up stored.
 */
export async function seedSampleRuns(
  repo: Repository,
  actorId: string,
): Promise<{ failed: string; waiting: string; events: string[] }> {
  const candidate = f.workflowVersionCandidate("order-approval");
  const { version } = await repo.workflowVersions.register(candidate, f.audit("workflowVersion", "wfv_x"));
  const pinned = { workflowId: version.workflowId, workflowVersionId: version.workflowVersionId };
  const [posted, hooked] = [f.eventId(), f.eventId()];
  const failed = f.runBundle({
    ...pinned,
    title: "Approve order 42",
    runWakeAt: at(9),
    triggerType: "event",
    triggerEventId: posted,
    logSummary: { entries: 3, warnings: 0, errors: 1, firstAt: at(10), lastAt: at(11) },
  });
  const waiting = f.runBundle({
    ...pinned,
    title: "Order 43",
    runWakeAt: at(10),
    triggerType: "webhook",
    triggerEventId: hooked,
    logSummary: { entries: 1, warnings: 0, errors: 0, firstAt: at(10), lastAt: at(10) },
  });
  for (const bundle of [failed, waiting])
    await repo.bundles.createWithTasks({
      bundle,
      tasks: [],
      taskEvents: [],
      audit: [f.audit("bundle", bundle.bundleId)],
    });
  const startedRun = (bundle: Bundle) => [{ ...pinned, bundleId: bundle.bundleId }];
  await repo.events.create(
    f.workflowEvent({
      eventId: posted,
      type: "order.placed",
      source: "shop",
      data: { order: 42, lines: [{ sku: "a", qty: 2 }] },
      receivedBy: actorId,
      runs: startedRun(failed),
      createdAt: at(8),
    }),
  );
  await repo.events.create(
    f.workflowEvent({
      eventId: hooked,
      type: "order.placed",
      origin: "webhook",
      runs: startedRun(waiting),
      createdAt: at(9),
    }),
  );

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
      logs: [
        f.runLogEntry(failed.bundleId, { at: at(10), stepId: "check", stepExecutionId: check.stepExecutionId }),
        f.runLogEntry(failed.bundleId, {
          at: at(10),
          stepId: "approve",
          stepExecutionId: approve.stepExecutionId,
          message: "waiting for approval",
          metadata: { order: 42 },
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
        logs: [
          f.runLogEntry(failed.bundleId, {
            at: at(11),
            level: "error",
            stepId: "approve",
            stepExecutionId: approve.stepExecutionId,
            message: "the approver rejected it",
          }),
        ],
      },
    ),
  );
  const rejected = f.workflowEvent({
    type: "order.rejected",
    source: "work-engine",
    origin: "workflow",
    emittedBy: failed.bundleId,
    createdAt: at(11),
  });
  await repo.events.create(rejected);

  const timer = f.stepExecution(waiting.bundleId, { stepId: "wait_a_day", status: "waiting", wakeAt: at(15) });
  const timerSet = f.runLogEntry(waiting.bundleId, {
    at: at(10),
    level: "debug",
    stepId: "wait_a_day",
    stepExecutionId: timer.stepExecutionId,
    message: "timer set",
  });
  await repo.runs.apply(
    transition(waiting, { runStatus: "waiting", runWakeAt: at(15) }, { createSteps: [timer], logs: [timerSet] }),
  );
  return { failed: failed.bundleId, waiting: waiting.bundleId, events: [posted, hooked, rejected.eventId] };
}
