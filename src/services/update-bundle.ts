import type { Bundle } from "../domain/bundle.js";
import type { BundleLink } from "../domain/common.js";
import type { Ctx } from "../domain/ctx.js";
import { ValidationError } from "../domain/errors.js";
import { UpdateBundleInput } from "../domain/task-input.js";
import { stageChangeReminders } from "../scheduler/stage-change-reminders.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

/** Links are set by name: a declared link gets its URL, an undeclared one is added as optional. */
function mergeLinks(current: BundleLink[], given: { name: string; url: string }[]): BundleLink[] {
  const links = current.map((link) => ({ ...link }));
  for (const { name, url } of given) {
    const slot = links.find((link) => link.name === name);
    if (slot) slot.url = url;
    else links.push({ name, url, required: false });
  }
  return links;
}

/** Edits a bundle's details. Status, counters and completion stay system-owned. */
export async function updateBundle(ctx: Ctx, bundleId: string, raw: unknown): Promise<Bundle> {
  requireRole(ctx, "operator");
  const { expectedVersion, links, ...patch } = parseInput(UpdateBundleInput, raw);
  const bundle = atVersion(
    found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId),
    expectedVersion,
    "bundle",
    bundleId,
  );
  if (patch.stage && !bundle.stages.includes(patch.stage)) {
    throw new ValidationError(`stage must be one of ${bundle.stages.join(", ")}`, {
      issues: [{ path: "stage", message: "unknown stage" }],
    });
  }
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next: Bundle = {
    ...bundle,
    ...defined,
    ...(links ? { links: mergeLinks(bundle.links, links) } : {}),
    version: bundle.version + 1,
    updatedAt: ctx.clock.now(),
  };
  const fields = [...Object.keys(defined), ...(links ? ["links"] : [])];
  return ctx.repo.bundles.updateNotifying(
    next,
    bundle.version,
    auditEvent(ctx, "bundle", bundleId, "updated", { after: { fields, stage: next.stage } }),
    await stageChangeReminders(ctx, bundle, next),
  );
}
