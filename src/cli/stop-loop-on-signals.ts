import { exitAfterFlush } from "../graceful-shutdown.js";
import type { Logger } from "../log/logger.js";

/**
 * For the standalone background processes (`npm run scheduler`, `npm run worker`): on SIGTERM or
 * SIGINT, let the loop finish what it is doing, close the store, and exit (0, or 1 if stopping failed).
 */
export function stopLoopOnSignals(
  what: string,
  loop: { stop(): Promise<void> },
  close: () => Promise<void>,
  log: Logger,
) {
  const stop = (signal: NodeJS.Signals) => {
    log.info(`stopping the ${what}`, { signal });
    void loop
      .stop()
      .then(close)
      .then(
        () => {
          log.info("stopped");
          exitAfterFlush(0);
        },
        (error: unknown) => {
          log.error("stopping failed", { error: error instanceof Error ? error.message : String(error) });
          exitAfterFlush(1);
        },
      );
  };
  process.once("SIGTERM", stop).once("SIGINT", stop);
}
