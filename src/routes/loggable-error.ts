/**
 * An unexpected error as the log shows it: names, messages and stack frames through the cause chain,
 * but never a failed query's parameters (Drizzle puts them in the message after `params:`), which
 * carry the request's data.
 */
export function loggableError(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const e = current as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown; cause?: unknown };
    const message = String(e.message ?? current).split(/\nparams:/)[0];
    const code = typeof e.code === "string" ? ` [${e.code}]` : "";
    lines.push(`${depth === 0 ? "" : "caused by: "}${String(e.name ?? "Error")}${code}: ${message}`);
    if (typeof e.stack === "string")
      lines.push(
        ...e.stack
          .split("\n")
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 8),
      );
    current = typeof current === "object" ? e.cause : undefined;
  }
  return lines.join("\n");
}
