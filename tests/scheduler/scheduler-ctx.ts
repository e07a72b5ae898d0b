import type { ContentCatalog } from "../../src/content/load-content.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import type { Repository } from "../../src/repositories/repository.js";
import { DEFAULT_SCHEDULER_SETTINGS, type SchedulerSettings } from "../../src/scheduler/settings.js";
import { testCtx } from "../support/test-ctx.js";

/** A system context whose clock a test moves (`at`), with scheduler settings it may change. */
export function movableCtx(
  repo: Repository,
  catalog: ContentCatalog,
  start: string,
  settings: Partial<SchedulerSettings> = {},
) {
  let now = start;
  const clock: Clock = { now: () => now, today: () => now.slice(0, 10) };
  const ctx: Ctx = {
    ...testCtx(repo, catalog, undefined, start),
    clock,
    scheduler: { ...DEFAULT_SCHEDULER_SETTINGS, ...settings },
  };
  return {
    ctx,
    at(next: string) {
      now = next;
      return ctx;
    },
  };
}

/** The catalog without its workflows: no scheduled workflow starts bundles in a test about something else. */
export const withoutWorkflows = (catalog: ContentCatalog): ContentCatalog => ({ ...catalog, workflows: new Map() });
