import type { Bundle } from "../../src/domain/bundle.js";
import type { Repository } from "../../src/repositories/repository.js";
import * as f from "../support/fixtures.js";

/** A bundle with one open task, stored with its audit event: the start of most write contracts. */
export async function storedBundleWithTask(repo: Repository, over: Partial<Bundle> = {}) {
  const b = f.bundle({ taskCount: 1, openTaskCount: 1, ...over });
  const t = f.task({ bundleId: b.bundleId });
  await repo.bundles.createWithTasks({ bundle: b, tasks: [t], taskEvents: [], audit: [f.audit("bundle", b.bundleId)] });
  return { b, t };
}
