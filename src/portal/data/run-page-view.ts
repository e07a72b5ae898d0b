import type { Bundle } from "../../domain/bundle.js";
import type { BundleUi } from "../../domain/bundle-ui.js";
import type { Ctx } from "../../domain/ctx.js";
import type { RunLogEntry } from "../../domain/run-log.js";
import type { Step } from "../../domain/workflow-steps.js";
import { workflowGraph } from "../../engine/load-run.js";
import { listRunLogs } from "../../engine/run-log-queries.js";
import { getRun, type RunState } from "../../engine/run-service.js";
import type { Page } from "../../repositories/pagination.js";
import { getBundle } from "../../services/bundle-queries.js";
import { getBundleUi } from "../../services/bundle-ui.js";

export type RunPageView = { bundle: Bundle; run: RunState; steps: Step[]; ui: BundleUi; logs: Page<RunLogEntry> };

/** A run as its page shows it: state and attempts, the workflow's declared steps, the UI components that apply, a page of logs. */
export async function loadRunPageView(
  ctx: Ctx,
  bundleId: string,
  logQuery: Record<string, string>,
): Promise<RunPageView> {
  const [bundle, run, ui, logs] = await Promise.all([
    getBundle(ctx, bundleId),
    getRun(ctx, bundleId),
    getBundleUi(ctx, bundleId),
    listRunLogs(ctx, bundleId, { limit: "100", ...logQuery }),
  ]);
  const found = run.workflowVersionId ? await workflowGraph(ctx, run.workflowVersionId) : undefined;
  return { bundle, run, steps: found?.version.definition.steps ?? [], ui, logs };
}
