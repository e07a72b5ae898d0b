import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWorkflow } from "../../src/content/check-workflow.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { WorkflowDefinition, type WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { runUntilIdle } from "../../src/engine/process-due-runs.js";
import { getRun } from "../../src/engine/run-service.js";
import type { Repository } from "../../src/repositories/repository.js";
import { type Backend, dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { type CountingServer, startCountingServer } from "../support/counting-http-server.js";
import { engineClock, startRun } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { httpWorkflows } from "./http-workflows.js";

const START = "2026-03-02T09:00:00.000Z";

/** http.request through the real engine (services, driver, store) on a test clock, against a local server. */
function httpRuns(backend: Backend) {
  describe(`${backend.name}: http.request in workflow runs`, () => {
    let server: CountingServer;
    let repo: Repository;
    let clock: ReturnType<typeof engineClock>;
    let operator: Ctx;
    let W: ReturnType<typeof httpWorkflows>;

    beforeAll(async () => {
      server = await startCountingServer();
      W = httpWorkflows(server.origin, server.port);
      repo = await backend.open();
      const person = f.user({ role: "operator" });
      await repo.users.create(person, f.audit("user", person.userId));
      clock = engineClock(repo, await loadCatalog(), START, { httpAllowedHosts: [server.host] });
      await clock.publish(...Object.values(W));
      operator = clock.as(person);
    });
    afterAll(async () => {
      await server.close();
      await repo.close();
    });

    const start = async (workflow: WorkflowDefinitionInput, input: Record<string, unknown> = {}) => {
      const workflowId = workflow.workflowId as string;
      return (await startRun(operator, workflowId, { input })).bundleId;
    };
    const run = (bundleId: string) => getRun(operator, bundleId);
    const attempts = async (bundleId: string, stepId: string) =>
      (await run(bundleId)).steps.filter((s) => s.stepId === stepId);

    it("uses configs content:check accepts", () => {
      for (const workflow of Object.values(W))
        expect(checkWorkflow(WorkflowDefinition.parse(workflow), "test", new Map())).toEqual([]);
    });

    it("runs only in a worker, then sends the transformed body with the attempt's Idempotency-Key and maps the answer", async () => {
      server.route("/orders", (_request, response) => {
        response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ accepted: true }));
      });
      const id = await start(W.post, { orderId: "o-1", amount: 21 });
      expect(server.hits("/orders")).toEqual([]); // the request that started the run sends nothing
      expect((await run(id)).runStatus).toBe("running");
      await clock.runUntilIdle();
      const state = await run(id);
      expect(state).toMatchObject({ runStatus: "completed", variables: { accepted: true, code: 201 } });
      const order = state.steps.find((s) => s.stepId === "order");
      expect(order?.output).toEqual({
        status: 201,
        headers: { contentType: "application/json" },
        body: { accepted: true },
      });
      const [seen, ...more] = server.hits("/orders");
      expect(more).toEqual([]);
      expect(seen?.method).toBe("POST");
      expect(JSON.parse(seen?.body ?? "")).toEqual({ order: "o-1", total: 42 });
      expect(seen?.headers).toMatchObject({
        "idempotency-key": order?.stepExecutionId,
        "content-type": "application/json",
        "x-source": "work-engine",
      });
    });

    it("fails a step whose host is off the allow-list, and nothing reaches the server", async () => {
      const id = await start(W.refused);
      await clock.runUntilIdle();
      expect(await run(id)).toMatchObject({
        runStatus: "failed",
        error: { stepId: "ping", type: "HttpError", code: "HOST_NOT_ALLOWED" },
      });
      expect(server.hits("/refused")).toEqual([]);
    });

    it("retries a 503 by the step's retry policy: a 200 on the next attempt completes the run", async () => {
      server.statuses("/flaky", [503, 200]);
      const id = await start(W.flaky);
      await clock.runUntilIdle();
      const first = await attempts(id, "flaky");
      expect(first.map((s) => [s.attempt, s.status, s.error?.type, s.error?.code])).toEqual([
        [1, "failed", "HttpError", "HTTP_503"],
        [2, "pending", undefined, undefined],
      ]);
      const wakeAt = (await repo.bundles.get(id))?.runWakeAt as string;
      expect(Date.parse(wakeAt) - Date.parse(clock.now)).toBe(10_000);
      await clock.advanceTo(wakeAt);
      expect(await run(id)).toMatchObject({ runStatus: "completed", variables: { recovered: true } });
      expect(server.hits("/flaky")).toHaveLength(2);
    });

    it("routes a 503 by errorCode once the attempts are spent, past a condition for another code", async () => {
      server.statuses("/down", [503]);
      const id = await start(W.unavailable);
      await clock.runUntilIdle();
      await clock.advanceTo((await repo.bundles.get(id))?.runWakeAt as string);
      const state = await run(id);
      expect(state).toMatchObject({ runStatus: "completed", variables: { route: "unavailable" } });
      expect(state.steps.filter((s) => s.stepId === "down").map((s) => s.error?.code)).toEqual([
        "HTTP_503",
        "HTTP_503",
      ]);
      expect(state.steps.some((s) => s.stepId === "onServerError")).toBe(false);
      expect(server.hits("/down")).toHaveLength(2);
    });

    it("fails a request the server holds past its timeout with TimeoutError, which a handler routes", async () => {
      server.route("/slow", () => undefined);
      const id = await start(W.slow);
      await clock.runUntilIdle();
      const state = await run(id);
      expect(state.steps.find((s) => s.stepId === "slow")?.error).toMatchObject({ type: "TimeoutError" });
      expect(state).toMatchObject({ runStatus: "completed", variables: { route: "timeout" } });
    });

    it("sends one key for every delivery of an attempt (a worker died before recording it), a new one per attempt", async () => {
      server.statuses("/charge", [503, 503, 200]);
      const id = await start(W.redelivered, { amount: 5 });
      // This worker's store stops answering after the request went out: it records nothing.
      const dying: Ctx = {
        ...clock.system,
        repo: { ...repo, runs: { ...repo.runs, apply: () => Promise.reject(new Error("worker died")) } },
      };
      await expect(runUntilIdle(dying, clock.worker)).rejects.toThrow("worker died");
      expect(server.hits("/charge")).toHaveLength(1);
      expect((await attempts(id, "charge")).map((s) => [s.attempt, s.status])).toEqual([[1, "running"]]);

      await clock.runUntilIdle(); // the next worker delivers attempt 1 again; its 503 is recorded
      await clock.advanceTo((await repo.bundles.get(id))?.runWakeAt as string);
      const charge = await attempts(id, "charge");
      expect(charge.map((s) => [s.attempt, s.status])).toEqual([
        [1, "failed"],
        [2, "completed"],
      ]);
      const keys = server.hits("/charge").map((r) => r.headers["idempotency-key"]);
      expect(keys).toEqual([charge[0]?.stepExecutionId, charge[0]?.stepExecutionId, charge[1]?.stepExecutionId]);
      expect(charge[0]?.stepExecutionId).not.toBe(charge[1]?.stepExecutionId);
      expect(server.hits("/charge").map((r) => JSON.parse(r.body))).toEqual([
        { amount: 5 },
        { amount: 5 },
        { amount: 5 },
      ]);
    });
  });
}

httpRuns(pgliteBackend);
httpRuns(postgresBackend);
httpRuns(dynamoBackend);
