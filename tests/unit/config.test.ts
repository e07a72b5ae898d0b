import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("configuration", () => {
  it("defaults to PGlite under ./.data on port 3000", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      storage: "pglite",
      dataDir: "./.data",
      contentDir: "./content",
      nodeEnv: "development",
      databaseUrl: undefined,
    });
  });

  it("stops on a bad value with a message naming the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ STORAGE: "mongodb" })).toThrow(/STORAGE/);
    expect(() => loadConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ STORAGE: "postgres" })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE: "postgres" })).toThrow(/DATABASE_URL: required/);
  });

  it("reads Postgres settings", () => {
    const config = loadConfig({
      STORAGE: "postgres",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      PORT: "8080",
    });
    expect(config).toMatchObject({
      storage: "postgres",
      port: 8080,
      databaseUrl: "postgres://postgres@127.0.0.1:5432/test",
    });
  });
});
