import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { MAX_EMIT_CHAIN } from "../../src/engine/actions/emit-chain.js";
import { getRun } from "../../src/engine/run-service.js";
import type { Repository } from "../../src/repositories/repository.js";
import { actOnAssistantJob } from "../../src/services/assistant-job-actions.js";
import { addAssistantOutput } from "../../src/services/assistant-jobs.js";
import { receiveEvent } from "../../src/triggers/receive-event.js";
import { type Backend, dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { engineClock, startRun } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";

const START = "2026-03-02T09:00:00.000Z";
/** A time `ms` after `from`: tests share one clock, which only moves forward. */
const plus = (from: string, ms: number) => new Date(Date.parse(from) + ms).toISOString();
const base = { name: "scenario", type: "test", stages: ["preparation", "done"] };
const set = (refId: string, values: Record<string, unknown>) => ({
  refId,
  description: refId,
  action: { type: "variables.set", config: { values } },
});

/** Emits handoff.ready, then waits (at most an hour) for handoff.done about the same ref. */
const handoff: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-handoff",
  tasks: [
    {
      refId: "announce",
      description: "announce",
      action: {
        type: "event.emit",
        config: { type: "handoff.ready", transform: { type: "jmespath", expression: "{ref: input.ref}" } },
      },
    },
    {
      refId: "await-done",
      description: "await",
      action: {
        type: "event.wait",
        config: { eventPattern: "handoff.done", match: "event.data.ref == input.ref", timeout: "PT1H" },
      },
    },
  ],
  steps: [
    { stepId: "announce", taskId: "announce", next: [{ nextStepId: "awaitDone" }] },
    { stepId: "awaitDone", taskId: "await-done" },
  ],
};

/** Started by handoff.ready with the event's data as input. */
const receiver: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-receiver",
  triggers: [{ eventPattern: "handoff.ready" }],
  tasks: [set("note", { received: true })],
  steps: [{ stepId: "note", taskId: "note" }],
};

/** Triggered by echo.ping, and emits echo.ping: a loop the chain limit stops. */
const echo: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-echo",
  triggers: [{ eventPattern: "echo.ping" }],
  tasks: [{ refId: "ping", description: "ping", action: { type: "event.emit", config: { type: "echo.ping" } } }],
  steps: [{ stepId: "ping", taskId: "ping" }],
};

/** An AI action whose rejection is routed to a step of its own. */
const assisted: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-assisted",
  tasks: [
    {
      refId: "draft",
      description: "draft",
      action: { type: "assistant-job.create", config: { assistantType: "generate-content", title: "Draft notes" } },
    },
    set("use-draft", { used: true }),
    set("rejected", { rejected: true }),
  ],
  steps: [
    {
      stepId: "draft",
      taskId: "draft",
      next: [{ nextStepId: "useDraft" }],
      onFailure: {
        action: "continue",
        errorHandler: {
          conditions: [{ errorType: "AssistantJobError", errorCode: "REJECTED", nextStepId: "rejected" }],
        },
      },
    },
    { stepId: "useDraft", taskId: "use-draft" },
    { stepId: "rejected", taskId: "rejected" },
  ],
};

/** Two checklists started by order.placed; the second names an assignee who does not exist. */
const orderA: WorkflowDefinitionInput = {
  ...base,
  workflowId: "scenario-order-a",
  triggers: [{ eventPattern: "order.placed" }],
  tasks: [{ refId: "pack", description: "Pack the order" }],
};
const orderB: WorkflowDefinitionInput = {
  ...orderA,
  workflowId: "scenario-order-b",
  tasks: [{ refId: "ship", description: "Ship the order", assigneeId: "usr_missing" }],
};

function waitingActions(backend: Backend) {
  describe(`${backend.name}: actions that wait on events and approvals`, () => {
    let repo: Repository;
    let clock: ReturnType<typeof engineClock>;
    let operator: Ctx;
    const person = f.user({ role: "operator" });

    beforeAll(async () => {
      repo = await backend.open();
      await repo.users.create(person, f.audit("user", person.userId));
      clock = engineClock(repo, await loadCatalog(), START);
      await clock.publish(handoff, receiver, echo, assisted, orderA, orderB);
      operator = clock.as(person);
    });
    afterAll(() => repo.close());

    const start = async (workflowId: string, input: Record<string, unknown> = {}) =>
      (await startRun(operator, workflowId, { input })).bundleId;
    const run = (bundleId: string) => getRun(operator, bundleId);
    const step = async (bundleId: string, stepId: string) =>
      (await run(bundleId)).steps.filter((s) => s.stepId === stepId).at(-1);

    it("emits an event that starts another workflow, then waits for the matching reply", async () => {
      const t0 = clock.now;
      const bundleId = await start("scenario-handoff", { ref: "A1" });
      await clock.runUntilIdle();
      const announced = await step(bundleId, "announce");
      expect(announced?.status).toBe("completed");
      const eventId = announced?.output?.eventId as string;
      const emitted = await repo.events.get(eventId);
      expect(emitted).toMatchObject({
        type: "handoff.ready",
        origin: "workflow",
        emittedBy: bundleId,
        data: { ref: "A1" },
      });
      expect(emitted?.runs.map((r: { workflowId: string }) => r.workflowId)).toEqual(["scenario-receiver"]);
      const received = await run(emitted?.runs[0]?.bundleId as string);
      expect(received).toMatchObject({ runStatus: "completed", triggerType: "event", triggerEventId: eventId });
      expect((await run(bundleId)).runStatus).toBe("waiting");

      // Another ref's reply, or one the match cannot read, does not end the wait; the right one does.
      await receiveEvent(operator, { id: "done-b2", type: "handoff.done", source: "t", data: { ref: "B2" } }, "api");
      await receiveEvent(operator, { id: "done-xx", type: "handoff.done", source: "t", data: { other: 1 } }, "api");
      await clock.advanceTo(plus(t0, 60_000));
      expect((await step(bundleId, "awaitDone"))?.status).toBe("waiting");
      await receiveEvent(operator, { id: "done-a1", type: "handoff.done", source: "t", data: { ref: "A1" } }, "api");
      await clock.advanceTo(plus(t0, 120_000));
      const state = await run(bundleId);
      expect(state.runStatus).toBe("completed");
      expect(state.steps.find((s) => s.stepId === "awaitDone")?.output).toMatchObject({
        event: { id: "done-a1", data: { ref: "A1" } },
      });
      // One attempt throughout: each look ran the same attempt again.
      expect(state.steps.filter((s) => s.stepId === "awaitDone")).toHaveLength(1);
    });

    it("starts no workflow's run when any workflow the event matches would refuse its bundle", async () => {
      const refused = receiveEvent(operator, { id: "order-1", type: "order.placed", source: "t", data: {} }, "api");
      await expect(refused).rejects.toMatchObject({
        code: "validation_failed",
        details: { issues: [{ path: "scenario-order-b", message: expect.stringMatching(/usr_missing/) }] },
      });
      expect((await repo.bundles.list({ workflowId: "scenario-order-a" }, { limit: 5 })).items).toEqual([]);
      expect(await repo.events.get("order-1")).toBeUndefined();
    });

    it("fails the wait with TimeoutError when no matching event comes in time", async () => {
      const t0 = clock.now;
      const bundleId = await start("scenario-handoff", { ref: "never" });
      await clock.runUntilIdle();
      await clock.advanceTo(plus(t0, 2 * 3_600_000));
      const state = await run(bundleId);
      expect(state.runStatus).toBe("failed");
      expect(state.error).toMatchObject({ type: "TimeoutError", stepId: "awaitDone" });
    });

    it(`stops a workflow that triggers itself after ${MAX_EMIT_CHAIN} emitted events`, async () => {
      await receiveEvent(operator, { id: "ping-0", type: "echo.ping", source: "t", data: {} }, "api");
      for (let i = 0; i < MAX_EMIT_CHAIN + 2; i++) await clock.runUntilIdle();
      const runs = (await repo.bundles.list({ workflowId: "scenario-echo" }, { limit: 50 })).items;
      expect(runs).toHaveLength(MAX_EMIT_CHAIN + 1);
      const failed = runs.filter((b) => b.runStatus === "failed");
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error).toMatchObject({ type: "EventError", code: "EVENT_LOOP" });
    });

    it("waits for an assistant job's approval and takes its outputs; a rejection is routed by its code", async () => {
      const t0 = clock.now;
      const approved = await start("scenario-assisted");
      const rejected = await start("scenario-assisted");
      await clock.runUntilIdle();
      const jobOf = async (bundleId: string) => {
        const jobs = (await repo.assistantJobs.list({ bundleId }, { limit: 5 })).items;
        expect(jobs).toHaveLength(1);
        return jobs[0] as NonNullable<(typeof jobs)[0]>;
      };
      const job = await jobOf(approved);
      expect(job).toMatchObject({ status: "queued", assistantType: "generate-content", approvalRequired: true });
      // A late look does not create a second job.
      await clock.advanceTo(plus(t0, 5 * 60_000));
      await jobOf(approved);
      expect((await step(approved, "draft"))?.status).toBe("waiting");

      // The assistant works and asks for approval; a person approves.
      let current = await actOnAssistantJob(operator, job.assistantJobId, "start", { expectedVersion: job.version });
      const { artifact } = await addAssistantOutput(operator, job.assistantJobId, {
        expectedVersion: current.version,
        title: "Show notes draft",
        storageUri: "https://docs.example.com/notes",
      });
      current = (await repo.assistantJobs.get(job.assistantJobId)) as typeof current;
      current = await actOnAssistantJob(operator, job.assistantJobId, "request-approval", {
        expectedVersion: current.version,
      });
      await actOnAssistantJob(operator, job.assistantJobId, "approve", { expectedVersion: current.version });

      const other = await jobOf(rejected);
      current = await actOnAssistantJob(operator, other.assistantJobId, "start", { expectedVersion: other.version });
      current = await actOnAssistantJob(operator, other.assistantJobId, "request-approval", {
        expectedVersion: current.version,
      });
      await actOnAssistantJob(operator, other.assistantJobId, "reject", {
        expectedVersion: current.version,
        reason: "off topic",
      });

      await clock.advanceTo(plus(t0, 7 * 60_000));
      const done = await run(approved);
      expect(done.runStatus).toBe("completed");
      expect(done.steps.find((s) => s.stepId === "draft")?.output).toEqual({
        assistantJobId: job.assistantJobId,
        outputs: [
          {
            artifactId: artifact.artifactId,
            title: "Show notes draft",
            type: "assistant-output",
            storageUri: "https://docs.example.com/notes",
          },
        ],
      });
      expect(done.variables).toEqual({ used: true });
      const routed = await run(rejected);
      expect(routed.runStatus).toBe("completed");
      expect(routed.variables).toEqual({ rejected: true });
      expect(routed.steps.find((s) => s.stepId === "draft")?.error).toMatchObject({
        type: "AssistantJobError",
        code: "REJECTED",
        message: expect.stringContaining("off topic"),
      });
    });
  });
}

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) waitingActions(backend);
