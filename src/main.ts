import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { buildDeps } from "./build-deps.js";
import { ConfigError, loadConfig } from "./config.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await buildDeps(config);
  const server = serve({ fetch: createApp(deps).fetch, port: config.port }, (info) => {
    console.log(`work-engine listening on http://localhost:${info.port} (storage: ${config.storage})`);
  });
  const stop = () => server.close(() => void deps.repo.close().then(() => process.exit(0)));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
