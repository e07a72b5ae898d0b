import type { Ctx } from "../domain/ctx.js";
import type { Logger } from "../log/logger.js";
import type { Mailer } from "./digest.js";
import { runTick } from "./tick.js";

export type SchedulerLoop = {
  /** Stops ticking; resolves once a tick in progress has finished. */
  stop(): Promise<void>;
};

/**
 * Ticks now and then every `intervalSeconds`, never two at once in this process (the next waits
 * for the last to finish). A failed tick is logged and the loop goes on.
 */
export function startSchedulerLoop(options: {
  makeCtx: () => Ctx;
  intervalSeconds: number;
  log: Logger;
  mailer?: Mailer;
}): SchedulerLoop {
  const { log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    const started = Date.now();
    try {
      const result = await runTick(options.makeCtx(), { log, mailer: options.mailer });
      // A failure is logged (warn) where it happens, the first time; a tick that only retried it is quiet.
      const did = result.notifications + result.tasks + result.bundles + result.runs + result.emails;
      const level = did > 0 ? "info" : "debug";
      log[level]("scheduler tick", { ...result, ms: Date.now() - started });
    } catch (error) {
      log.error("scheduler tick failed", { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.intervalSeconds * 1000);
    });
  };
  loop();
  log.info("scheduler started", { intervalSeconds: options.intervalSeconds });
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
