import { createApp } from "../src/app.js";
import { systemClock } from "../src/domain/clock.js";
import { createIdGenerator } from "../src/domain/ids.js";
import { DEFAULT_ENGINE_SETTINGS } from "../src/engine/engine-settings.js";
import type { Logger } from "../src/log/logger.js";
import type { Repository } from "../src/repositories/repository.js";
import { DEFAULT_SCHEDULER_SETTINGS } from "../src/scheduler/settings.js";

/** The app as the API benches serve it: the given store and logger, no workflows, local files allowed. */
export function benchApp(repo: Repository, storage: string, log: Logger) {
  return createApp({
    makeCtx: () => ({
      repo,
      clock: systemClock,
      ids: createIdGenerator(),
      catalog: { workflows: new Map(), docs: new Map() },
      policy: { localStorageAllowed: true, maxFileBytes: 1024 },
      scheduler: DEFAULT_SCHEDULER_SETTINGS,
      engine: DEFAULT_ENGINE_SETTINGS,
    }),
    storage,
    log,
  });
}
