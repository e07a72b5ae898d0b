import { buildDeps } from "../build-deps.js";
import { loadConfig } from "../config.js";
import { runUntilIdle } from "../engine/process-due-runs.js";
import { runErrorLogger } from "../engine/run-error-logger.js";
import { startWorkerLoop } from "../engine/worker-loop.js";
import { exitAfterFlush } from "../graceful-shutdown.js";
import { createLogger, type Logger } from "../log/logger.js";
import { logStartUpFailure } from "../log/start-up-failure.js";
import { stopLoopOnSignals } from "./stop-loop-on-signals.js";

/**
 * `npm run worker`: the run worker on its own, against the configured store, advancing due runs
 * WORKER_CONCURRENCY at a time until SIGTERM or SIGINT (it finishes the round in progress, then
 * exits). `npm run worker -- --once` advances every run due now until none is, then exits.
 */
let log: Logger = createLogger("info");

async function main() {
  const config = loadConfig();
  log = createLogger(config.logLevel);
  const deps = await buildDeps(config, log, { writesExports: false });
  const settings = { ...config.engine, concurrency: Math.max(1, config.engine.concurrency) };
  if (process.argv.includes("--once")) {
    const holder = `worker-once-${process.pid}`;
    const options = {
      holder,
      leaseMs: settings.leaseMs,
      limit: settings.concurrency * 4,
      onError: runErrorLogger(log),
      concurrency: settings.concurrency,
    };
    const advanced = await runUntilIdle(deps.makeCtx(), options);
    log.info("worker finished", { advanced });
    await deps.repo.close();
    return exitAfterFlush(0);
  }
  const loop = startWorkerLoop({ makeCtx: deps.makeCtx, settings, log });
  deps.onWake(() => loop.wake());
  stopLoopOnSignals("worker after its current round", loop, () => deps.repo.close(), log);
}

main().catch((error: unknown) => {
  logStartUpFailure(log, "worker start-up", error);
  exitAfterFlush(1);
});
