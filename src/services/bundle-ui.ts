import type { Bundle, RunStatus } from "../domain/bundle.js";
import type { BundleUi } from "../domain/bundle-ui.js";
import type { Ctx } from "../domain/ctx.js";
import { conditionScope } from "../engine/condition-scope.js";
import { listAllSteps } from "../engine/load-run.js";
import { found, requireRole } from "./access.js";
import { selectUiComponents } from "./select-ui-components.js";

/** A graph bundle's run status; a checklist is `running` while active, then `completed` or `canceled`. */
export function uiStatus(bundle: Bundle): RunStatus {
  if (bundle.runStatus) return bundle.runStatus;
  return bundle.status === "active" ? "running" : bundle.status;
}

/**
 * The UI components of the bundle's workflow version that apply now, for the caller. Conditions see
 * what step conditions see (`steps`, `variables`, `input`, `bundle`), plus `status` and the caller's `role`.
 */
export async function getBundleUi(ctx: Ctx, bundleId: string): Promise<BundleUi> {
  const actor = requireRole(ctx, "viewer");
  const bundle = found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
  const version = bundle.workflowVersionId ? await ctx.repo.workflowVersions.get(bundle.workflowVersionId) : undefined;
  const components = version?.definition.uiComponents ?? [];
  if (components.length === 0) return { bundleId, components: [], skipped: [] };
  const steps = bundle.runStatus ? await listAllSteps(ctx, bundleId) : [];
  // `data` is what a step hands on; no step is finishing here.
  const { data: _none, ...seen } = conditionScope(bundle, steps, {});
  return { bundleId, ...selectUiComponents(components, { ...seen, status: uiStatus(bundle), role: actor.role }) };
}
