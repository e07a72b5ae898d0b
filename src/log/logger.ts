/** How much is logged, least to most severe; `silent` logs nothing. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Severity = Exclude<LogLevel, "silent">;

export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = Record<Severity, (msg: string, fields?: LogFields) => void>;

/**
 * One JSON object per line, `time`, `level` and `msg` first: what a log shipper parses without a
 * pattern. Fields are scalars chosen by the caller; nothing here serialises a request, a body or an error.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = writeStdout): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at = (severity: Severity) =>
    LOG_LEVELS.indexOf(severity) < threshold
      ? () => undefined
      : (msg: string, fields?: LogFields) =>
          write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, msg, ...fields })}\n`);
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Nothing logged: tests and tools that print their own output. */
export const silentLogger: Logger = createLogger("silent");

let stdoutGuarded = false;
/**
 * A reader of stdout that goes away (a log shipper restarting, `| head`) makes writes fail with EPIPE;
 * losing log lines then is better than losing the server, so write errors are dropped.
 */
function writeStdout(line: string): void {
  if (!stdoutGuarded) {
    process.stdout.on("error", () => undefined);
    stdoutGuarded = true;
  }
  process.stdout.write(line);
}
