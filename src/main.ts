import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { formatProblem } from "./content/content-problem.js";
import { loadContent } from "./content/load-content.js";
import { systemClock } from "./domain/clock.js";
import type { Ctx } from "./domain/ctx.js";
import { createIdGenerator } from "./domain/ids.js";
import { openRepository } from "./repositories/open-repository.js";
import { registerWorkflowVersions } from "./services/register-workflow-versions.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const { catalog, problems } = await loadContent(config.contentDir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    throw new ConfigError(
      `content in ${config.contentDir} has ${problems.length} problem(s); run npm run content:check`,
    );
  }
  const repo = await openRepository(config);
  const base: Ctx = { repo, clock: systemClock, ids: createIdGenerator(), catalog };
  const registered = await registerWorkflowVersions(base);
  for (const { version, created } of registered) {
    console.log(`workflow ${version.workflowId} v${version.version}${created ? " (new)" : ""}`);
  }
  const app = createApp({ makeCtx: () => ({ ...base }), storage: config.storage });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`work-engine listening on http://localhost:${info.port} (storage: ${config.storage})`);
  });
  const stop = () => server.close(() => void repo.close().then(() => process.exit(0)));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
