import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { buildDeps } from "./build-deps.js";
import { ConfigError, loadConfig } from "./config.js";
import { stopOnSignals } from "./graceful-shutdown.js";
import { createLogger, type Logger } from "./log/logger.js";

async function main(): Promise<void> {
  const config = loadConfig();
  log = createLogger(config.logLevel);
  const deps = await buildDeps(config, log);
  const server = serve({ fetch: createApp(deps).fetch, port: config.port }, (info) => {
    log.info(`work-engine listening on http://localhost:${info.port}`, { port: info.port, storage: config.storage });
  });
  stopOnSignals(server as Server, { timeoutMs: config.shutdownTimeoutMs, close: () => deps.repo.close(), log });
}

// Until the configuration is read, start-up failures are logged at the default level.
let log: Logger = createLogger("info");
main().catch((error: unknown) => {
  log.error(error instanceof ConfigError ? error.message : "start-up failed", {
    error:
      error instanceof ConfigError
        ? undefined
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
  });
  process.stdout.write("", () => process.exit(1));
});
