import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { listAllSteps } from "../../src/engine/load-run.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { listAllBundleTasks } from "../../src/services/list-all-bundle-tasks.js";
import { openPostgresHandle } from "../support/backends.js";
import { engineClock } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";
import { loadCatalog } from "../support/test-ctx.js";

/** Seven steps with short timers between them, so a worker killed at any moment is mid-run somewhere. */
const paced: WorkflowDefinitionInput = {
  workflowId: "crash-paced",
  name: "paced",
  type: "test",
  stages: ["preparation", "done"],
  tasks: [
    { refId: "begin", description: "b", action: { type: "variables.set", config: { values: { begun: true } } } },
    { refId: "pause", description: "p", action: { type: "delay", config: { duration: "PT0.3S" } } },
    { refId: "make-task", description: "t", action: { type: "task.create", config: { description: "Follow up" } } },
    { refId: "tell", description: "n", action: { type: "notification.create", config: { message: "paced run" } } },
    { refId: "end", description: "e", action: { type: "variables.set", config: { values: { ended: true } } } },
  ],
  steps: [
    { stepId: "begin", taskId: "begin", next: [{ nextStepId: "wait1" }] },
    { stepId: "wait1", taskId: "pause", next: [{ nextStepId: "makeTask" }] },
    { stepId: "makeTask", taskId: "make-task", next: [{ nextStepId: "wait2" }] },
    { stepId: "wait2", taskId: "pause", next: [{ nextStepId: "tell" }] },
    { stepId: "tell", taskId: "tell", next: [{ nextStepId: "wait3" }] },
    { stepId: "wait3", taskId: "pause", next: [{ nextStepId: "end" }] },
    { stepId: "end", taskId: "end" },
  ],
};
const RUNS = 16;
const STEPS = 7;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("a worker killed with SIGKILL in the middle of runs", () => {
  let repo: Repository;
  let url: string;
  let ctx: Ctx;
  const workers: ServerProcess[] = [];
  const bundleIds: string[] = [];

  beforeAll(async () => {
    const pg = await openPostgresHandle();
    url = pg.url;
    repo = createDrizzleRepository(pg.handle);
    const operator = f.user({ role: "operator" });
    await repo.users.create(operator, f.audit("user", operator.userId));
    const setup = engineClock(repo, await loadCatalog(), new Date().toISOString());
    await setup.publish(paced);
    ctx = { ...setup.system, clock: systemClock, ids: createIdGenerator(), actor: operator };
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await repo.close();
  });

  const completedSteps = async () => {
    let count = 0;
    for (const id of bundleIds) count += (await listAllSteps(ctx, id)).filter((s) => s.status === "completed").length;
    return count;
  };
  const worker = async () => {
    const env = {
      STORAGE: "postgres",
      DATABASE_URL: url,
      WORKER_LEASE_SECONDS: "2",
      WORKER_POLL_MS: "20",
      WORKER_CONCURRENCY: "4",
    };
    const started = await startServerProcess(env, { script: "src/cli/worker.ts", readyWhen: '"msg":"worker started"' });
    workers.push(started);
    return started;
  };

  it("is finished by a new worker, with no attempt recorded or applied twice", async () => {
    for (let i = 0; i < RUNS; i++) {
      const { bundle } = await instantiateBundle(ctx, {
        workflowId: paced.workflowId,
        title: `paced ${i}`,
        anchorDate: "2026-03-02",
      });
      bundleIds.push(bundle.bundleId);
    }
    const first = await worker();
    await until("the first worker to be part-way", async () => (await completedSteps()) >= (RUNS * STEPS) / 3);
    first.signal("SIGKILL");
    expect(await first.exited).toBeNull();
    const atKill = await completedSteps();
    expect(atKill).toBeLessThan(RUNS * STEPS);

    await worker();
    await until("every run to complete", async () => {
      const bundles = await Promise.all(bundleIds.map((id) => repo.bundles.get(id)));
      return bundles.every((b) => b?.runStatus === "completed");
    });
    for (const id of bundleIds) {
      const steps = await listAllSteps(ctx, id);
      expect(steps.map((s) => [s.stepId, s.attempt, s.status]).sort()).toEqual(
        paced.steps?.map((s) => [s.stepId, 1, "completed"]).sort(),
      );
      expect((await listAllBundleTasks(ctx, id)).map((t) => t.description)).toEqual(["Follow up"]);
      expect((await repo.bundles.get(id))?.variables).toEqual({ begun: true, ended: true });
    }
    const messages = await repo.notifications.listForRecipient(undefined, false, undefined, 500);
    const ours = messages.filter((n) => n.type === "workflow-message" && bundleIds.includes(n.bundleId ?? ""));
    expect(ours).toHaveLength(RUNS);
  }, 90_000);
});
