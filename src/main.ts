import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { buildDeps } from "./build-deps.js";
import { loadConfig } from "./config.js";
import { startWorkerLoop } from "./engine/worker-loop.js";
import { exitAfterFlush, stopOnSignals } from "./graceful-shutdown.js";
import { createLogger, type Logger } from "./log/logger.js";
import { logStartUpFailure } from "./log/start-up-failure.js";
import { startSchedulerLoop } from "./scheduler/scheduler-loop.js";

// Until the configuration is read, lines are logged at the default level.
let log: Logger = createLogger("info");

async function main(): Promise<void> {
  const config = loadConfig();
  log = createLogger(config.logLevel);
  // A signal while the store opens (migrations may be running) stops the server once it is open.
  let stopRequested: NodeJS.Signals | undefined;
  const duringStartUp = (signal: NodeJS.Signals) => {
    stopRequested = signal;
    log.info("stop requested during start-up: stopping once the store is open", { signal });
  };
  process.once("SIGTERM", duringStartUp).once("SIGINT", duringStartUp);
  const deps = await buildDeps(config, log);
  process.off("SIGTERM", duringStartUp).off("SIGINT", duringStartUp);
  if (stopRequested) {
    await deps.repo.close();
    log.info("stopped");
    return exitAfterFlush(0);
  }
  const server = serve({ fetch: createApp(deps).fetch, port: config.port }, (info) => {
    log.info(`work-engine listening on http://localhost:${info.port}`, { port: info.port, storage: config.storage });
  }) as Server;
  // The embedded default reminds people with no second process; SCHEDULER_INTERVAL_SECONDS=0 leaves it to another.
  const scheduler =
    config.scheduler.intervalSeconds > 0
      ? startSchedulerLoop({
          makeCtx: deps.makeCtx,
          intervalSeconds: config.scheduler.intervalSeconds,
          log,
          mailer: deps.mailer,
        })
      : undefined;
  // Runs advance in this process too unless WORKER_CONCURRENCY=0 leaves them to `npm run worker`.
  const worker =
    config.engine.concurrency > 0
      ? startWorkerLoop({ makeCtx: deps.makeCtx, settings: config.engine, log })
      : undefined;
  if (worker) deps.onWake(() => worker.wake());
  const close = async () => {
    await worker?.stop();
    await scheduler?.stop();
    await deps.repo.close();
  };
  server.once("error", (error: NodeJS.ErrnoException) => {
    log.error(`cannot listen on port ${config.port}`, { code: error.code, error: error.message });
    void close().finally(() => exitAfterFlush(1));
  });
  stopOnSignals(server, { timeoutMs: config.shutdownTimeoutMs, close, log });
}

main().catch((error: unknown) => {
  logStartUpFailure(log, "start-up", error);
  exitAfterFlush(1);
});
