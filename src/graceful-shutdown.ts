import type { Server, ServerResponse } from "node:http";
import type { Logger } from "./log/logger.js";

export type ShutdownOptions = {
  timeoutMs: number;
  /** Closes what the process holds (the store, and with it the embedded store's lock). */
  close: () => Promise<void>;
  log: Logger;
};

/** A store that does not close within this after the deadline is left behind: the process exits anyway. */
const CLOSE_GRACE_MS = 5_000;

/**
 * SIGTERM or SIGINT: stop accepting, let in-flight requests finish, close the store, exit 0. Requests
 * still running after `timeoutMs` are cut off and the exit code is 1; a second signal exits at once.
 * Answers given while stopping carry `Connection: close`, so no client reuses a closing connection.
 */
export function stopOnSignals(server: Server, options: ShutdownOptions): void {
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  server.on("request", (_req, res: ServerResponse) => {
    if (stopping) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log.warn("second signal: exiting now", { signal });
      exitAfterFlush(1);
      return;
    }
    stopping = true;
    for (const res of inFlight) res.shouldKeepAlive = false;
    options.log.info("stopping: no new connections; waiting for in-flight requests", {
      signal,
      timeoutMs: options.timeoutMs,
    });
    setTimeout(() => {
      options.log.error("the store did not close in time; exiting without it");
      exitAfterFlush(1);
    }, options.timeoutMs + CLOSE_GRACE_MS).unref();
    void drainAndClose(server, options).then(exitAfterFlush);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function drainAndClose(server: Server, { timeoutMs, close, log }: ShutdownOptions): Promise<number> {
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  // A kept-alive connection becomes idle when its request is answered: close it then, not at the deadline.
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), timeoutMs);
  });
  const outcome = await Promise.race([drained, late]);
  clearInterval(idle);
  clearTimeout(timer);
  if (outcome === "late") {
    log.warn("requests still running at the shutdown timeout were cut off", { timeoutMs });
    server.closeAllConnections();
  }
  try {
    await close();
  } catch (error) {
    log.error("closing the store failed", { error: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  log.info("stopped");
  return outcome === "late" ? 1 : 0;
}

/** Exits once the log lines written so far have reached stdout (a pipe is written asynchronously). */
export function exitAfterFlush(code: number): void {
  process.stdout.write("", () => process.exit(code));
}
