import type { Logger } from "../log/logger.js";

/** What every driver does with a run it could not advance: log it and go on with the others. */
export const runErrorLogger = (log: Logger) => (bundleId: string, error: unknown) =>
  log.error("could not advance a run", { bundleId, error: error instanceof Error ? error.message : String(error) });
