import type { ContentCatalog } from "../../src/content/load-content.js";
import { loadContent } from "../../src/content/load-content.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { User } from "../../src/domain/user.js";
import { DEFAULT_ENGINE_SETTINGS } from "../../src/engine/engine-settings.js";
import type { Repository } from "../../src/repositories/repository.js";
import { DEFAULT_SCHEDULER_SETTINGS } from "../../src/scheduler/settings.js";
import { T0 } from "./fixtures.js";

export async function loadCatalog(dir = "content"): Promise<ContentCatalog> {
  const { catalog, problems } = await loadContent(dir);
  if (problems.length > 0) throw new Error(`test content has problems: ${JSON.stringify(problems)}`);
  return catalog;
}

/** A service context with a fixed clock; IDs are real (unique across tests sharing a store). */
export function testCtx(repo: Repository, catalog: ContentCatalog, actor?: User, now = T0): Ctx {
  return {
    repo,
    clock: fixedClock(now),
    ids: createIdGenerator(() => Date.parse(now)),
    catalog,
    actor,
    policy: { localStorageAllowed: true, maxFileBytes: 25 * 1024 * 1024 },
    scheduler: DEFAULT_SCHEDULER_SETTINGS,
    engine: DEFAULT_ENGINE_SETTINGS,
  };
}
