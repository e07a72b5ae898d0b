import { ConfigError } from "../config.js";
import type { Logger } from "./logger.js";

/** Logs why a process could not start: a configuration problem in its own words, anything else with its stack. */
export function logStartUpFailure(log: Logger, what: string, error: unknown): void {
  if (error instanceof ConfigError) {
    log.error(error.message);
    return;
  }
  log.error(`${what} failed`, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
