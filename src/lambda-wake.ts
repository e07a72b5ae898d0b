import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { Logger } from "./log/logger.js";

/**
 * On AWS, a write that makes a step runnable invokes the worker function asynchronously, so runs move
 * at once and scale with Lambda. Best effort: one invocation in flight per container, a failure only
 * logged. Correctness never depends on it: the worker also runs every minute and sweeps due runs.
 */
export function lambdaWaker(functionName: string, region: string, log: Logger): () => void {
  const client = new LambdaClient({ region });
  let inFlight = false;
  return () => {
    if (inFlight) return;
    inFlight = true;
    client
      .send(new InvokeCommand({ FunctionName: functionName, InvocationType: "Event", Payload: '{"source":"wake"}' }))
      .catch((error: unknown) =>
        log.warn("could not wake the worker function", {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        inFlight = false;
      });
  };
}
