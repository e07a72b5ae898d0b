import { buildDeps } from "./build-deps.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./log/logger.js";
import { runTick, type TickResult } from "./scheduler/tick.js";

/**
 * The scheduler on AWS Lambda (infra/template.yaml SchedulerFunction), invoked on a schedule: one
 * tick per invocation. Overlapping invocations are safe: the tick's lease lets one work.
 */
let deps: ReturnType<typeof buildDeps> | undefined;

export const handler = async (): Promise<TickResult> => {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  deps ??= buildDeps(config, log, { writesExports: false }).catch((error: unknown) => {
    deps = undefined; // the next invocation tries again rather than caching the failure
    throw error;
  });
  const { makeCtx, mailer } = await deps;
  const result = await runTick(makeCtx(), { log, mailer });
  log.info("scheduler tick", { ...result });
  return result;
};
