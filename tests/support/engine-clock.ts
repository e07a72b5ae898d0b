import type { ContentCatalog } from "../../src/content/load-content.js";
import type { CreateBundleInput } from "../../src/domain/bundle-input.js";
import { sha256Of } from "../../src/domain/canonical-json.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import type { User } from "../../src/domain/user.js";
import { WorkflowDefinition, type WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";
import type { WorkflowVersion } from "../../src/domain/workflow-version.js";
import { runUntilIdle } from "../../src/engine/process-due-runs.js";
import type { Repository } from "../../src/repositories/repository.js";
import { auditEvent } from "../../src/services/audit.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { testCtx } from "./test-ctx.js";

/**
 * The engine on a test clock: `runUntilIdle()` advances every run that is due now until none is;
 * `advanceTo(time)` moves the clock (never back) and does the same, so timers fire in order.
 * `engine` adds to the default engine settings (an allow-list, a mailer, a logger).
 */
export function engineClock(
  repo: Repository,
  catalog: ContentCatalog,
  start: string,
  engine: Partial<Ctx["engine"]> = {},
) {
  let now = start;
  const clock: Clock = { now: () => now, today: () => now.slice(0, 10) };
  // Its own copy of the catalog: published test workflows join it, as content does on start-up.
  const own: ContentCatalog = { ...catalog, workflows: new Map(catalog.workflows) };
  const base = testCtx(repo, own, undefined, start);
  const system: Ctx = { ...base, clock, engine: { ...base.engine, ...engine } };
  const worker = { holder: "test-worker", leaseMs: system.engine.leaseMs, limit: 50, concurrency: 1 };
  const idle = () => runUntilIdle(system, worker);
  return {
    system,
    /** What a worker is handed: run the engine with another context (a store that fails, say). */
    worker,
    as: (actor: User): Ctx => ({ ...system, actor }),
    get now() {
      return now;
    },
    runUntilIdle: idle,
    async advanceTo(time: string) {
      if (time > now) now = time;
      return idle();
    },
    /**
     * Publishes every content workflow, then `definitions` (test-only graphs) as versions, which join
     * this clock's catalog (so their triggers match events).
     */
    async publish(...definitions: WorkflowDefinitionInput[]): Promise<WorkflowVersion[]> {
      await registerWorkflowVersions(system);
      const published: WorkflowVersion[] = [];
      for (const input of definitions) {
        const definition = WorkflowDefinition.parse(input);
        const workflowVersionId = system.ids.next("workflowVersion");
        const { version } = await repo.workflowVersions.register(
          {
            workflowVersionId,
            workflowId: definition.workflowId,
            contentHash: sha256Of(definition),
            sourcePath: `tests/${definition.workflowId}.yaml`,
            definition,
            createdAt: now,
          },
          auditEvent(system, "workflowVersion", workflowVersionId, "published"),
        );
        published.push(version);
        own.workflows.set(definition.workflowId, {
          definition,
          sourcePath: version.sourcePath,
          contentHash: version.contentHash,
        });
      }
      return published;
    },
  };
}

/** Starts a run as a person does (POST /api/bundles): titled after its workflow, anchored on the test day. */
export async function startRun(actor: Ctx, workflowId: string, fields: Partial<CreateBundleInput> = {}) {
  const input = { workflowId, title: workflowId, anchorDate: "2026-03-02", input: {}, ...fields };
  return (await instantiateBundle(actor, input)).bundle;
}
