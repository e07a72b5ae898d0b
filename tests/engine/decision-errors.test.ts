import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import { getRun, retryRun } from "../../src/engine/run-service.js";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { pgliteBackend } from "../support/backends.js";
import { engineClock } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";

const START = "2026-03-02T09:00:00.000Z";

/** Waits a minute, then asks a person: the person's task is due two days after the anchor. */
const later: WorkflowDefinitionInput = {
  name: "scenario",
  type: "test",
  workflowId: "scenario-later",
  tasks: [
    { refId: "pause", description: "pause", action: { type: "delay", config: { duration: "PT1M" } } },
    { refId: "review", description: "Review", offsetDays: 2 },
  ],
  steps: [
    { stepId: "pause", taskId: "pause", next: [{ nextStepId: "review" }] },
    { stepId: "review", taskId: "review" },
  ],
};

describe("a run whose next step cannot be decided", () => {
  let repo: Repository;
  let clock: ReturnType<typeof engineClock>;
  const person = f.user({ role: "operator" });

  beforeAll(async () => {
    repo = await pgliteBackend.open();
    await repo.users.create(person, f.audit("user", person.userId));
    clock = engineClock(repo, await loadCatalog(), START);
    await clock.publish(later);
  });
  afterAll(() => repo.close());

  it("refuses up front an anchor date whose step tasks would fall past the calendar", async () => {
    const refused = instantiateBundle(clock.as(person), {
      workflowId: "scenario-later",
      title: "x",
      anchorDate: "9999-12-31",
      input: {},
    });
    await expect(refused).rejects.toMatchObject({
      code: "validation_failed",
      details: { issues: [{ path: "anchorDate" }] },
    });
    expect((await repo.bundles.list({ workflowId: "scenario-later" }, { limit: 5 })).items).toEqual([]);
  });

  it("fails with RunDecisionError instead of staying due forever, and cannot be retried", async () => {
    const operator = clock.as(person);
    const { bundle } = await instantiateBundle(operator, {
      workflowId: "scenario-later",
      title: "x",
      anchorDate: "2026-03-02",
      input: {},
    });
    await clock.runUntilIdle();
    // A date the checks would refuse, put in the store behind their back: the core throws on it.
    const stored = (await repo.bundles.get(bundle.bundleId)) as typeof bundle;
    await repo.bundles.update(
      { ...stored, anchorDate: "9999-12-31", version: stored.version + 1 },
      stored.version,
      f.audit("bundle", bundle.bundleId),
    );
    await clock.advanceTo("2026-03-02T09:02:00.000Z");
    const run = await getRun(operator, bundle.bundleId);
    expect(run.runStatus).toBe("failed");
    expect(run.error).toMatchObject({ type: "RunDecisionError", message: expect.stringMatching(/9999-12-31/) });
    expect(run.runWakeAt).toBeUndefined();
    await expect(retryRun(operator, bundle.bundleId, {})).rejects.toMatchObject({ code: "conflict" });
  });
});
