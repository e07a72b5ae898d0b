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
      DATAOPS_SCHEDULER_TABLE: "s-table",
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

describe("scheduler configuration", () => {
  it("defaults to a tick a minute in UTC, and refuses a bad time zone, interval, hour or SMTP URL by name", () => {
    const config = loadConfig({});
    expect(config.scheduler).toEqual({
      teamTimeZone: "UTC",
      overdueRepeatDays: 1,
      missingEvidenceDays: 2,
      intervalSeconds: 60,
      digest: { smtpUrl: undefined, hour: 8, from: "work-engine@localhost" },
    });
    expect(loadConfig({ TEAM_TIME_ZONE: "Europe/Berlin", SCHEDULER_INTERVAL_SECONDS: "0" }).scheduler).toMatchObject({
      teamTimeZone: "Europe/Berlin",
      intervalSeconds: 0,
    });
    expect(() => loadConfig({ TEAM_TIME_ZONE: "Mars/Olympus" })).toThrow(/TEAM_TIME_ZONE: expected an IANA time zone/);
    expect(() => loadConfig({ SCHEDULER_INTERVAL_SECONDS: "-1" })).toThrow(/SCHEDULER_INTERVAL_SECONDS/);
    expect(() => loadConfig({ OVERDUE_REPEAT_DAYS: "0" })).toThrow(/OVERDUE_REPEAT_DAYS/);
    expect(() => loadConfig({ DIGEST_HOUR: "24" })).toThrow(/DIGEST_HOUR/);
    expect(() => loadConfig({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: expected an smtp/);
  });
});
