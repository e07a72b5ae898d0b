import { randomUUID } from "node:crypto";
import { buildDeps } from "./build-deps.js";
import { loadConfig } from "./config.js";
import { processDueRuns } from "./engine/process-due-runs.js";
import { runErrorLogger } from "./engine/run-error-logger.js";
import { createLogger } from "./log/logger.js";

/**
 * The run worker on AWS Lambda (infra/template.yaml WorkerFunction): invoked every minute and, by the
 * API, after a write that makes a step runnable. Each invocation advances due runs until none is due
 * or its time is nearly up. Overlapping invocations are safe: each run is claimed with a lease.
 */
let deps: ReturnType<typeof buildDeps> | undefined;
const SAFETY_MS = 15_000;

export const handler = async (_event: unknown, context?: { getRemainingTimeInMillis(): number }) => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  deps ??= buildDeps(config, log, { writesExports: false }).catch((error: unknown) => {
    deps = undefined;
    throw error;
  });
  const { makeCtx } = await deps;
  const holder = `lambda-${randomUUID()}`;
  const concurrency = Math.max(1, config.engine.concurrency);
  const onError = runErrorLogger(log);
  const options = { holder, leaseMs: config.engine.leaseMs, limit: concurrency * 4, concurrency, onError };
  let advanced = 0;
  for (;;) {
    const done = await processDueRuns(makeCtx(), options);
    advanced += done;
    if (done === 0 || (context && context.getRemainingTimeInMillis() < SAFETY_MS)) break;
  }
  log.info("worker invocation", { advanced });
  return { advanced };
};
