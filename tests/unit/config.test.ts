import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_ADMIN_EMAIL, loadConfig } from "../../src/config.js";
import { User } from "../../src/domain/user.js";

describe("configuration", () => {
  it("defaults to PGlite under ./.data on port 3000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      storage: "pglite",
      dataDir: "./.data",
      contentDir: "./content",
      exportDir: "./.data/exports",
      nodeEnv: "development",
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it("stops on a bad value with a message naming the variable", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ STORAGE: "mongodb" })).toThrow(/STORAGE/);
    expect(() => loadConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ STORAGE: "postgres" })).toThrow(ConfigError);
    expect(() => loadConfig({ STORAGE: "postgres" })).toThrow(/DATABASE_URL: required/);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_EMAIL: "admin@localhost" })).toThrow(/BOOTSTRAP_ADMIN_EMAIL/);
  });

  it("defaults the bootstrap admin to an email a user may have: the one schema decides both", () => {
    expect(loadConfig({}).bootstrapAdmin.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(User.shape.email.safeParse(DEFAULT_ADMIN_EMAIL).success).toBe(true);
    expect(loadConfig({ BOOTSTRAP_ADMIN_EMAIL: "ops@example.org" }).bootstrapAdmin.email).toBe("ops@example.org");
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

describe("DynamoDB table names", () => {
  it("come from one variable per table, else from DATAOPS_TABLE_PREFIX", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      STORAGE: "dynamodb",
      DATAOPS_TABLE_PREFIX: "we-prod-",
      DATAOPS_TASKS_TABLE: "tasks-override",
    });
    expect(config.dynamodb.tables.tasks).toBe("tasks-override");
    expect(config.dynamodb.tables.bundles).toBe("we-prod-bundles");
    expect(config.dynamodb.tables.auditEvents).toBe("we-prod-audit-events");
  });

  it("default to local names only in development and test", () => {
    expect(loadConfig({ NODE_ENV: "test", STORAGE: "dynamodb" }).dynamodb.tables.tasks).toBe("work-engine-local-tasks");
    expect(loadConfig({ STORAGE: "dynamodb" }).dynamodb.tables.users).toBe("work-engine-local-users");
  });

  it("stop a production start-up that is missing a table name, naming the variable", () => {
    const names = {
      DATAOPS_USERS_TABLE: "u-table",
      DATAOPS_WORKFLOW_VERSIONS_TABLE: "w-table",
      DATAOPS_BUNDLES_TABLE: "b-table",
      DATAOPS_RECURRING_CONFIGS_TABLE: "r-table",
      DATAOPS_NOTIFICATIONS_TABLE: "n-table",
      DATAOPS_FILES_TABLE: "f-table",
      DATAOPS_ARTIFACTS_TABLE: "a-table",
      DATAOPS_ASSISTANT_JOBS_TABLE: "j-table",
      DATAOPS_AUDIT_EVENTS_TABLE: "e-table",
    };
    expect(() => loadConfig({ NODE_ENV: "production", STORAGE: "dynamodb", ...names })).toThrow(
      /DATAOPS_TASKS_TABLE: required in production/,
    );
    expect(
      loadConfig({ NODE_ENV: "production", STORAGE: "dynamodb", ...names, DATAOPS_TASKS_TABLE: "t-table" }).dynamodb
        .tables.tasks,
    ).toBe("t-table");
    expect(() => loadConfig({ STORAGE: "dynamodb", DATAOPS_TASKS_TABLE: "x" })).toThrow(/DATAOPS_TASKS_TABLE/);
    expect(() => loadConfig({ STORAGE: "dynamodb", DYNAMODB_ENDPOINT: "not a url" })).toThrow(/DYNAMODB_ENDPOINT/);
  });
});
