import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger, type LogLevel } from "../../src/log/logger.js";

describe("the logger", () => {
  const written = (level: LogLevel) => {
    const lines: string[] = [];
    const log = createLogger(level, (line) => lines.push(line));
    log.debug("d");
    log.info("i", { n: 1 });
    log.warn("w");
    log.error("e");
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  };

  it("writes what its level and anything more severe allow, one JSON object per line", () => {
    expect(written("debug").map((l) => l.level)).toEqual(["debug", "info", "warn", "error"]);
    expect(written("info")[0]).toEqual({ time: expect.any(String), level: "info", msg: "i", n: 1 });
    expect(written("warn").map((l) => l.msg)).toEqual(["w", "e"]);
    expect(written("error").map((l) => l.msg)).toEqual(["e"]);
    expect(written("silent")).toEqual([]);
  });

  it("takes LOG_LEVEL and SHUTDOWN_TIMEOUT_SECONDS from the environment, and refuses bad values", () => {
    expect(loadConfig({})).toMatchObject({ logLevel: "info", shutdownTimeoutMs: 10_000 });
    expect(loadConfig({ LOG_LEVEL: "warn", SHUTDOWN_TIMEOUT_SECONDS: "2.5" })).toMatchObject({
      logLevel: "warn",
      shutdownTimeoutMs: 2500,
    });
    expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: "-1" })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
  });
});
