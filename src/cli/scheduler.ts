import { buildDeps } from "../build-deps.js";
import { loadConfig } from "../config.js";
import { exitAfterFlush } from "../graceful-shutdown.js";
import { createLogger, type Logger } from "../log/logger.js";
import { logStartUpFailure } from "../log/start-up-failure.js";
import { startSchedulerLoop } from "../scheduler/scheduler-loop.js";
import { runTick } from "../scheduler/tick.js";
import { stopLoopOnSignals } from "./stop-loop-on-signals.js";

/**
 * `npm run scheduler`: the scheduler on its own, against the configured store, ticking every
 * SCHEDULER_INTERVAL_SECONDS until SIGTERM or SIGINT (it finishes the tick in progress, then exits).
 * With SCHEDULER_INTERVAL_SECONDS=0 it runs one tick and exits: for cron or a one-off catch-up.
 */
let log: Logger = createLogger("info");

async function main() {
  const config = loadConfig();
  log = createLogger(config.logLevel);
  const deps = await buildDeps(config, log, { writesExports: false });
  const { mailer } = deps;
  if (config.scheduler.intervalSeconds === 0) {
    const result = await runTick(deps.makeCtx(), { log, mailer });
    log.info("scheduler tick", { ...result });
    await deps.repo.close();
    return exitAfterFlush(0);
  }
  const loop = startSchedulerLoop({
    makeCtx: deps.makeCtx,
    intervalSeconds: config.scheduler.intervalSeconds,
    log,
    mailer,
  });
  stopLoopOnSignals("scheduler after its current tick", loop, () => deps.repo.close(), log);
}

main().catch((error: unknown) => {
  logStartUpFailure(log, "scheduler start-up", error);
  exitAfterFlush(1);
});
