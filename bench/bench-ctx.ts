import type { ContentCatalog } from "../src/content/load-content.js";
import { systemClock } from "../src/domain/clock.js";
import type { Ctx } from "../src/domain/ctx.js";
import { createIdGenerator } from "../src/domain/ids.js";
import { DEFAULT_ENGINE_SETTINGS } from "../src/engine/engine-settings.js";
import type { Repository } from "../src/repositories/repository.js";
import { DEFAULT_SCHEDULER_SETTINGS } from "../src/scheduler/settings.js";

export function benchCtx(repo: Repository, catalog: ContentCatalog): Ctx {
  return {
    repo,
    clock: systemClock,
    ids: createIdGenerator(),
    catalog,
    policy: { localStorageAllowed: true, maxFileBytes: 25 * 1024 * 1024 },
    scheduler: DEFAULT_SCHEDULER_SETTINGS,
    engine: DEFAULT_ENGINE_SETTINGS,
  };
}
