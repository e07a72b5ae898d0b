import { handle } from "hono/aws-lambda";
import { createApp } from "./app.js";
import { buildDeps } from "./build-deps.js";
import { loadConfig } from "./config.js";
import { lambdaWaker } from "./lambda-wake.js";
import { createLogger } from "./log/logger.js";

/** The API on AWS Lambda (infra/template.yaml ApiFunction): one app per warm container. */
let app: Promise<ReturnType<typeof handle>> | undefined;

export const handler: ReturnType<typeof handle> = async (event, context) => {
  // A Lambda's disk is read-only and short-lived: backups there are `npm run export` against the tables.
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  app ??= buildDeps(config, log, { writesExports: false }).then(
    (deps) => {
      if (config.workerFunctionName) deps.onWake(lambdaWaker(config.workerFunctionName, config.dynamodb.region, log));
      return handle(createApp(deps));
    },
    (error: unknown) => {
      app = undefined; // let the next invocation try again rather than caching the failure
      throw error;
    },
  );
  return (await app)(event, context);
};
