import type { Bundle } from "../src/domain/bundle.js";
import { sha256Of } from "../src/domain/canonical-json.js";
import type { Ctx } from "../src/domain/ctx.js";
import { WorkflowDefinition } from "../src/domain/workflow-definition.js";
import type { WorkflowVersion } from "../src/domain/workflow-version.js";
import { auditEvent } from "../src/services/audit.js";

/** Steps in the benchmark's workflow: automated, linear, each one `variables.set`. */
export const STEPS = 10;

const stepId = (i: number) => `step${i + 1}`;

/** `steps` automated steps in a line, each setting one variable: the engine's own cost, no outside effects. */
export function linearDefinition(steps: number, workflowId: string): WorkflowDefinition {
  return WorkflowDefinition.parse({
    workflowId,
    name: `${workflowId} (${steps} steps)`,
    type: "test",
    stages: ["preparation", "done"],
    tasks: Array.from({ length: steps }, (_, i) => ({
      refId: `set${i + 1}`,
      description: `set v${i + 1}`,
      action: { type: "variables.set", config: { values: { [`v${i + 1}`]: i + 1 } } },
    })),
    steps: Array.from({ length: steps }, (_, i) => ({
      stepId: stepId(i),
      taskId: `set${i + 1}`,
      ...(i + 1 < steps ? { next: [{ nextStepId: stepId(i + 1) }] } : {}),
    })),
  });
}

/** Ten automated steps in a line: the engine bench's workflow. */
export const LINEAR = linearDefinition(STEPS, "bench-linear");

/** Publishes a definition as a version, as the content import would. */
export async function publishDefinition(ctx: Ctx, definition: WorkflowDefinition): Promise<WorkflowVersion> {
  const workflowVersionId = ctx.ids.next("workflowVersion");
  const { version } = await ctx.repo.workflowVersions.register(
    {
      workflowVersionId,
      workflowId: definition.workflowId,
      contentHash: sha256Of(definition),
      sourcePath: "bench/engine-workload.ts",
      definition,
      createdAt: ctx.clock.now(),
    },
    auditEvent(ctx, "workflowVersion", workflowVersionId, "published"),
  );
  return version;
}

export const publishLinear = (ctx: Ctx) => publishDefinition(ctx, LINEAR);

/**
 * A run as instantiateBundle writes it, but not advanced: its bundle is written pending and due now
 * (no tasks, the workflow has no human steps), so a worker's advance is all the engine work there is.
 */
export async function createPendingRun(ctx: Ctx, version: WorkflowVersion): Promise<string> {
  const now = ctx.clock.now();
  const stages = version.definition.stages ?? ["preparation", "done"];
  const bundle: Bundle = {
    bundleId: ctx.ids.next("bundle"),
    workflowId: version.workflowId,
    workflowVersionId: version.workflowVersionId,
    title: "bench run",
    anchorDate: now.slice(0, 10),
    stages,
    stage: stages[0] ?? "preparation",
    status: "active",
    references: [],
    links: [],
    tags: [],
    taskCount: 0,
    openTaskCount: 0,
    runStatus: "pending",
    input: {},
    variables: {},
    runWakeAt: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditEvent(ctx, "bundle", bundle.bundleId, "created", {
    after: { title: bundle.title, workflowVersionId: bundle.workflowVersionId, taskCount: 0 },
  });
  await ctx.repo.bundles.createWithTasks({ bundle, tasks: [], taskEvents: [], audit: [audit] });
  return bundle.bundleId;
}

/** `count` pending runs, written a few at a time. */
export async function createPendingRuns(ctx: Ctx, version: WorkflowVersion, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, () => createPendingRun(ctx, version));
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}
