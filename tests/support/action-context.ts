import type { Ctx } from "../../src/domain/ctx.js";
import { derivedId } from "../../src/domain/ids.js";
import type { WorkflowVersion } from "../../src/domain/workflow-version.js";
import type { ActionModule } from "../../src/engine/actions/action-module.js";
import type { ActionResult } from "../../src/engine/run-view.js";
import * as f from "./fixtures.js";

export type DirectRun = {
  ctx: Ctx;
  scope?: Record<string, unknown>;
  signal?: AbortSignal;
  idempotencyKey?: string;
};

/** Runs one action module outside the engine, with its config parsed by its own schema (which must accept it). */
export function runAction<C>(module: ActionModule<C>, config: unknown, run: DirectRun): Promise<ActionResult> {
  const bundle = f.runBundle();
  const version: WorkflowVersion = { ...f.workflowVersionCandidate("wf-direct"), version: 1 };
  const data = (run.scope?.data as Record<string, unknown> | undefined) ?? {};
  return module.run({
    config: module.config.parse(config),
    idempotencyKey: run.idempotencyKey ?? f.ids.next("stepExecution"),
    now: run.ctx.clock.now(),
    data,
    scope: run.scope ?? { data, input: {}, steps: {}, variables: {}, bundle: {} },
    bundle,
    version,
    repo: run.ctx.repo,
    derivedId: (kind, seed) => derivedId(kind, Date.parse(bundle.createdAt), seed),
    signal: run.signal ?? new AbortController().signal,
    startedAt: run.ctx.clock.now(),
    ctx: run.ctx,
  });
}
