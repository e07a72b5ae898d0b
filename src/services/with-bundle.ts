import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { NotFoundError, VersionConflictError } from "../domain/errors.js";
import type { VersionedWrite } from "../repositories/repository.js";

const ATTEMPTS = 5;

/**
 * Runs a task write together with the bundle change it implies. When only the bundle moved on
 * meanwhile (another task of it changed), the bundle is reloaded and the write tried again; a stale
 * task is the caller's conflict and is not retried.
 */
export async function withBundle<T>(
  ctx: Ctx,
  bundleId: string | undefined,
  write: (
    bundle: Bundle | undefined,
    bundleWrite: (next: Bundle | undefined) => VersionedWrite<Bundle> | undefined,
  ) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const bundle = bundleId ? await ctx.repo.bundles.get(bundleId) : undefined;
    if (bundleId && !bundle) throw new NotFoundError("bundle", bundleId);
    const bundleWrite = (next: Bundle | undefined) =>
      bundle && next ? { next, expectedVersion: bundle.version } : undefined;
    try {
      return await write(bundle, bundleWrite);
    } catch (error) {
      const bundleMoved = error instanceof VersionConflictError && error.details.entityType === "bundle";
      if (!bundleMoved || attempt >= ATTEMPTS) throw error;
    }
  }
}
