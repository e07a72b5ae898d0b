import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/domain/bundle.js";
import { ConflictError, NotFoundError, VersionConflictError } from "../../src/domain/errors.js";
import { derivedId } from "../../src/domain/ids.js";
import type { StepExecution } from "../../src/domain/step-execution.js";
import type { Task } from "../../src/domain/task.js";
import type { Repository, RunWrite } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

const byId = (a: StepExecution, b: StepExecution) => (a.stepExecutionId < b.stepExecutionId ? -1 : 1);
const stepIds = (steps: StepExecution[]) => steps.map((s) => s.stepExecutionId);
/** Without the fields set to undefined: a cleared field reads back absent. */
const defined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
/** The record at its next version: what a transition writes. */
const bumped = <T extends { version: number; updatedAt: string }>(record: T, over: Partial<T> = {}): T =>
  defined({ ...record, ...over, version: record.version + 1, updatedAt: f.T1 });

/** A transition of `bundle` (as read) to `next`, with whatever else it writes. */
function transition(bundle: Bundle, next: Partial<Bundle>, parts: Partial<Omit<RunWrite, "bundle">> = {}): RunWrite {
  return f.runWrite(bundle, bumped(bundle, next), parts);
}

/** What a graph workflow's run needs from a store: one atomic write per transition, its steps, the runs due. */
export function runStoreContract(backend: Backend) {
  describe(`${backend.name}: run store`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    async function storedRun(over: Partial<Bundle> = {}) {
      const b = f.runBundle(over);
      await repo.bundles.createWithTasks({ bundle: b, tasks: [], taskEvents: [], audit: [] });
      return b;
    }

    /** A run waiting on a human step: the step, its task (with outcomes) and the bundle as stored. */
    async function waitingRun() {
      const b = await storedRun();
      const step = f.stepExecution(b.bundleId, { status: "waiting" });
      const task = f.task({ bundleId: b.bundleId, source: "workflow", stepExecutionId: step.stepExecutionId });
      const linked = { ...step, taskId: task.taskId };
      const write = transition(b, { taskCount: 1, openTaskCount: 1 }, { createSteps: [linked], createTasks: [task] });
      await repo.runs.apply(write);
      return { b: write.bundle.next, step: linked, task };
    }

    it("writes a transition whole, and every run, step and task field reads back as written", async () => {
      const b = await storedRun();
      const done = defined(f.fullStepExecution(b.bundleId, { status: "completed", error: undefined }));
      const waiting = defined(
        f.fullStepExecution(b.bundleId, { stepId: "approve", status: "waiting", error: undefined }),
      );
      const task = f.task({
        bundleId: b.bundleId,
        source: "workflow",
        stepExecutionId: waiting.stepExecutionId,
        outcomes: ["approve", "reject"],
      });
      const linked = { ...waiting, taskId: task.taskId };
      const event = f.taskEvent(task.taskId, { bundleId: b.bundleId });
      const message = f.notification({ type: "workflow-message", bundleId: b.bundleId, taskId: task.taskId });
      const first = transition(
        b,
        { variables: { approved: false, step: "approve" }, runWakeAt: "2026-03-09T09:00:00.000Z", taskCount: 1 },
        { createSteps: [done, linked], createTasks: [task], taskEvents: [event], notifications: [message] },
      );
      await repo.runs.apply(first);
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(first.bundle.next);
      expect(await repo.tasks.get(task.taskId)).toStrictEqual(task);
      expect((await repo.runs.listSteps(b.bundleId, {})).items).toStrictEqual([done, linked].sort(byId));
      expect((await repo.tasks.listEvents(task.taskId, {})).items).toStrictEqual([event]);
      expect(await repo.notifications.get(message.notificationId)).toStrictEqual(message);
      expect((await repo.auditEvents.listByEntity("bundle", b.bundleId, {})).items).toStrictEqual(first.audit);

      // The task is decided, its step fails, and the run fails with it: every changed field round-trips.
      const decided = bumped(task, { status: "done", outcome: "approve", completedAt: f.T1 });
      const failed = bumped(linked, { status: "failed", error: { type: "Timeout", message: "no answer" } });
      const second = transition(
        first.bundle.next,
        {
          runStatus: "failed",
          error: { type: "Timeout", code: "States.Timeout", message: "no answer", stepId: "approve" },
          runWakeAt: undefined,
          openTaskCount: 0,
        },
        { updateTasks: [{ next: decided, expectedVersion: 1 }], updateSteps: [{ next: failed, expectedVersion: 1 }] },
      );
      await repo.runs.apply(second);
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(second.bundle.next);
      expect(await repo.tasks.get(task.taskId)).toStrictEqual(decided);
      expect((await repo.runs.listSteps(b.bundleId, {})).items).toStrictEqual([done, failed].sort(byId));
    });

    it("writes nothing when any part fails: a stale bundle, step or task, a recorded attempt, a taken key, a missing task", async () => {
      const { b, step, task } = await waitingRun();
      const taken = f.notification({ bundleId: b.bundleId });
      await repo.notifications.create(taken, f.audit("notification", taken.notificationId));
      const fresh = () => {
        const newStep = f.stepExecution(b.bundleId, { stepId: "notify" });
        const newTask = f.task({ bundleId: b.bundleId, source: "workflow" });
        return {
          createSteps: [newStep],
          createTasks: [newTask],
          taskEvents: [f.taskEvent(newTask.taskId, { bundleId: b.bundleId })],
          notifications: [f.notification({ type: "workflow-message", bundleId: b.bundleId })],
        };
      };
      const stepMoved = { next: bumped(step, { status: "running" as const }), expectedVersion: 1 };
      const attempts: [string, RunWrite, new (...args: never[]) => Error][] = [
        ["stale bundle", { ...transition({ ...b, version: b.version - 1 }, {}, fresh()) }, VersionConflictError],
        ["recorded attempt", transition(b, {}, { ...fresh(), createSteps: [step] }), ConflictError],
        [
          "stale step",
          transition(b, {}, { ...fresh(), updateSteps: [{ next: bumped(bumped(step)), expectedVersion: 2 }] }),
          VersionConflictError,
        ],
        [
          "stale task",
          transition(
            b,
            {},
            { ...fresh(), updateSteps: [stepMoved], updateTasks: [{ next: bumped(bumped(task)), expectedVersion: 2 }] },
          ),
          VersionConflictError,
        ],
        [
          "taken dedupe key",
          transition(b, {}, { ...fresh(), notifications: [{ ...f.notification(), dedupeKey: taken.dedupeKey }] }),
          ConflictError,
        ],
        [
          "missing task",
          transition(
            b,
            {},
            { ...fresh(), createSteps: [f.stepExecution(b.bundleId, { stepId: "audit", taskId: "tsk_missing" })] },
          ),
          NotFoundError,
        ],
      ];
      for (const [what, write, error] of attempts) {
        const outcome = await repo.runs.apply(write).then(
          () => "written",
          (e: unknown) => (e instanceof error ? error.name : String(e)),
        );
        expect([what, outcome]).toEqual([what, error.name]);
        for (const s of write.createSteps.filter((s) => s.stepExecutionId !== step.stepExecutionId))
          expect([
            what,
            (await repo.runs.listSteps(b.bundleId, {})).items.some((x) => x.stepExecutionId === s.stepExecutionId),
          ]).toEqual([what, false]);
        for (const t of write.createTasks) expect([what, await repo.tasks.get(t.taskId)]).toEqual([what, undefined]);
        for (const n of write.notifications.filter((n) => n.dedupeKey !== taken.dedupeKey))
          expect([what, await repo.notifications.get(n.notificationId)]).toEqual([what, undefined]);
      }
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(b);
      expect(await repo.tasks.get(task.taskId)).toStrictEqual(task);
      expect((await repo.runs.listSteps(b.bundleId, {})).items).toStrictEqual([step]);
      expect((await repo.auditEvents.listByEntity("bundle", b.bundleId, {})).items).toHaveLength(1);
    });

    it("refuses a second record of the same attempt, however the two writers raced", async () => {
      const b = await storedRun();
      const attempt = (bundle: Bundle) =>
        f.stepExecution(bundle.bundleId, {
          stepExecutionId: derivedId("stepExecution", Date.parse(f.T0), `${bundle.bundleId}||check|1|1`),
          stepId: "check",
        });
      const first = transition(b, {}, { createSteps: [attempt(b)] });
      await repo.runs.apply(first);
      // A worker that read the bundle after the first write, yet records the same attempt.
      const again = transition(first.bundle.next, { variables: { lost: true } }, { createSteps: [attempt(b)] });
      await expect(repo.runs.apply(again)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(first.bundle.next);

      // Two workers at the same version, recording one attempt: one wins, the other changes nothing.
      const racing = await storedRun();
      const results = await Promise.allSettled(
        [1, 2].map((n) =>
          repo.runs.apply(transition(racing, { variables: { worker: n } }, { createSteps: [attempt(racing)] })),
        ),
      );
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason instanceof VersionConflictError || lost[0]?.reason instanceof ConflictError).toBe(true);
      expect((await repo.runs.listSteps(racing.bundleId, {})).items).toHaveLength(1);
      expect((await repo.bundles.get(racing.bundleId))?.version).toBe(racing.version + 1);
    });

    it("lists a run's steps by ID across pages, and keeps them apart from every read of bundles", async () => {
      const b = await storedRun({ stage: "step-listing", workflowId: "wf-steps" });
      const other = await storedRun();
      let current = b;
      const written: StepExecution[] = [];
      for (const count of [3, 2]) {
        const steps = Array.from({ length: count }, (_, i) =>
          f.stepExecution(b.bundleId, { stepId: `s${i}`, visit: count }),
        );
        const write = transition(current, {}, { createSteps: steps });
        await repo.runs.apply(write);
        current = write.bundle.next;
        written.push(...steps);
      }
      await repo.runs.apply(transition(other, {}, { createSteps: [f.stepExecution(other.bundleId)] }));
      const { items, pages } = await allPages((page) => repo.runs.listSteps(b.bundleId, page), 2);
      expect(stepIds(items)).toEqual(stepIds([...written].sort(byId)));
      expect(pages).toBe(3);
      expect((await repo.runs.listSteps(f.bundle().bundleId, {})).items).toEqual([]);

      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(current);
      for (const filter of [{}, { stage: "step-listing" }, { workflowId: "wf-steps" }, { status: "active" as const }]) {
        const listed = (await allPages((page) => repo.bundles.list(filter, page), 100)).items;
        expect([filter, listed.filter((x) => x.bundleId === b.bundleId)]).toEqual([filter, [current]]);
      }
      const exported = (await allPages((page) => repo.exports.list("bundles", page), 100)).items;
      expect(exported.filter((x) => x.bundleId === b.bundleId)).toEqual([current]);
      const steps = (await allPages((page) => repo.exports.list("step_executions", page), 100)).items;
      expect(steps.filter((s) => s.bundleId === b.bundleId)).toEqual([...written].sort(byId));
    });

    // Wake times in 2001, which no other test here uses: the list is global.
    it("lists runs due at or before now, by wake time then ID, and drops a run whose wake time is cleared", async () => {
      const now = "2001-06-01T00:00:00.000Z";
      const runs = {
        early: await storedRun({ runWakeAt: "2001-01-01T00:00:00.000Z" }),
        earlyToo: await storedRun({ runWakeAt: "2001-01-01T00:00:00.000Z" }),
        // Whole seconds without milliseconds still sort by time, before .500 of the same second.
        noMillis: await storedRun({ runWakeAt: "2001-03-01T10:00:00Z" }),
        half: await storedRun({ runWakeAt: "2001-03-01T10:00:00.500Z" }),
        atNow: await storedRun({ runWakeAt: now }),
        later: await storedRun({ runWakeAt: "2001-07-01T00:00:00.000Z" }),
        never: await storedRun({ runWakeAt: undefined }),
      };
      const due = async () => (await allPages((page) => repo.runs.listDue(now, page), 2)).items.map((x) => x.bundleId);
      const [a, b] = [runs.early.bundleId, runs.earlyToo.bundleId].sort();
      expect(await due()).toEqual([a, b, runs.noMillis.bundleId, runs.half.bundleId, runs.atNow.bundleId]);
      expect((await repo.runs.listDue(now, { limit: 1 })).items).toStrictEqual([
        a === runs.early.bundleId ? runs.early : runs.earlyToo,
      ]);

      await repo.runs.apply(transition(runs.half, { runWakeAt: undefined, runStatus: "completed" }));
      await repo.runs.apply(transition(runs.later, { runWakeAt: "2001-02-01T00:00:00.000Z" }));
      expect(await due()).toEqual([a, b, runs.later.bundleId, runs.noMillis.bundleId, runs.atNow.bundleId]);
      expect(await due()).not.toContain(runs.never.bundleId);
    });

    it("refuses to delete a task a step waits on", async () => {
      const { b, task } = await waitingRun();
      const attempt = repo.tasks.delete({
        taskId: task.taskId,
        expectedVersion: 1,
        audit: f.audit("task", task.taskId),
      });
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(attempt).rejects.toMatchObject({ details: { referencedBy: "workflow steps" } });
      expect(await repo.tasks.get(task.taskId)).toStrictEqual(task);
      const plain: Task = f.task({ bundleId: b.bundleId });
      await repo.tasks.create({ task: plain, audit: f.audit("task", plain.taskId) });
      await repo.tasks.delete({ taskId: plain.taskId, expectedVersion: 1, audit: f.audit("task", plain.taskId) });
      expect(await repo.tasks.get(plain.taskId)).toBeUndefined();
    });
  });
}
