import { randomUUID } from "node:crypto";
import type { Ctx } from "../domain/ctx.js";
import type { Logger } from "../log/logger.js";
import type { EngineSettings } from "./engine-settings.js";
import { processDueRuns } from "./process-due-runs.js";
import { runErrorLogger } from "./run-error-logger.js";

export type WorkerLoop = {
  /** Looks for due runs now instead of at the next poll (a write just made a step runnable). */
  wake(): void;
  /** Stops polling; resolves once the round in progress has finished. */
  stop(): Promise<void>;
};

/**
 * The worker: every `pollMs` (or at once when woken) advances due runs, `concurrency` at a time,
 * under one holder name for this process. A failed round is logged and the loop goes on.
 */
export function startWorkerLoop(options: { makeCtx: () => Ctx; settings: EngineSettings; log: Logger }): WorkerLoop {
  const { settings, log } = options;
  const holder = `worker-${randomUUID()}`;
  let stopped = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const round = async () => {
    try {
      const limit = settings.concurrency * 4;
      const onError = runErrorLogger(log);
      const options_ = { holder, leaseMs: settings.leaseMs, limit, concurrency: settings.concurrency, onError };
      for (let advanced = -1; advanced !== 0 && !stopped; ) {
        advanced = await processDueRuns(options.makeCtx(), options_);
        if (advanced > 0) log.debug("worker round", { advanced });
      }
    } catch (error) {
      log.error("worker round failed", { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const loop = () => {
    if (stopped) return;
    again = false;
    running = round().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) loop();
      else timer = setTimeout(loop, settings.pollMs);
    });
  };
  loop();
  log.info("worker started", { concurrency: settings.concurrency, holder });
  return {
    wake() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      if (timer) clearTimeout(timer);
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
