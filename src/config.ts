import { z } from "zod";
import { InputTimeZone } from "./domain/dates.js";
import { DEFAULT_SESSION_HOURS } from "./domain/session.js";
import { Email } from "./domain/user.js";
import { AllowedHostList } from "./engine/actions/http-allowed-hosts.js";
import type { EngineSettings } from "./engine/engine-settings.js";
import { LOG_LEVELS, type LogLevel } from "./log/logger.js";
import { DYNAMO_TABLES, type DynamoTable, LOCAL_TABLE_PREFIX, type TableNames } from "./repositories/dynamo/tables.js";
import type { SchedulerSettings } from "./scheduler/settings.js";
import { WebhookSecrets } from "./triggers/webhook-secrets.js";

/** `.invalid` is reserved (RFC 2606): a placeholder that validates and never receives mail. */
export const DEFAULT_ADMIN_EMAIL = "admin@work-engine.invalid";

const NodeEnv = z.enum(["development", "test", "production"]);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  STORAGE: z.enum(["pglite", "postgres", "dynamodb"]).default("pglite"),
  DATA_DIR: z.string().min(1).default("./.data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL")
    .optional(),
  CONTENT_DIR: z.string().min(1).default("./content"),
  NODE_ENV: NodeEnv.default("development"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  WORKER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  WORKER_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /** On AWS: the worker function the API invokes after a write that makes a step runnable. */
  WORKER_FUNCTION_NAME: z.string().min(1).max(170).optional(),
  /** Hosts the `http.request` action may call: comma-separated `host` or `host:port`; unset allows none. */
  HTTP_ACTION_ALLOWED_HOSTS: AllowedHostList,
  WEBHOOK_SECRETS: WebhookSecrets.optional(),
  /** How long a portal sign-in lasts before the person signs in again. */
  SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(DEFAULT_SESSION_HOURS),
  TEAM_TIME_ZONE: InputTimeZone.default("UTC"),
  OVERDUE_REPEAT_DAYS: z.coerce.number().int().min(1).max(365).default(1),
  MISSING_EVIDENCE_DAYS: z.coerce.number().int().min(0).max(365).default(2),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, "expected an smtp:// or smtps:// URL")
    .optional(),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  DIGEST_FROM: Email.default("work-engine@localhost"),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(24, "use at least 24 characters").max(200).optional(),
  // The domain's own email schema: the bootstrap admin is stored as a user and must validate as one.
  BOOTSTRAP_ADMIN_EMAIL: Email.default(DEFAULT_ADMIN_EMAIL),
  WORK_ENGINE_LOCAL_STORAGE: z.enum(["true", "false"]).optional(),
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(5 * 1024 ** 3)
    .default(25 * 1024 * 1024),
  LOCAL_STORAGE_DIR: z.string().min(1).default("./.data/files"),
  EXPORT_DIR: z.string().min(1).default("./.data/exports"),
  ARTIFACTS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "expected an S3 bucket name")
    .optional(),
  S3_ENDPOINT: z.url({ message: "expected a URL" }).optional(),
  DYNAMODB_ENDPOINT: z.url({ message: "expected a URL such as http://127.0.0.1:8000" }).optional(),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region such as eu-west-1")
    .optional(),
  DATAOPS_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]*$/, "expected letters, digits, '_', '-' or '.'")
    .optional(),
  ...Object.fromEntries(
    Object.values(DYNAMO_TABLES).map((table) => [
      table.env,
      z
        .string()
        .regex(/^[A-Za-z0-9_.-]{3,255}$/, "expected a DynamoDB table name")
        .optional(),
    ]),
  ),
});

export type Config = {
  port: number;
  storage: "pglite" | "postgres" | "dynamodb";
  dataDir: string;
  databaseUrl?: string;
  contentDir: string;
  /** Where POST /api/exports writes its backups, one directory each. */
  exportDir: string;
  nodeEnv: z.infer<typeof NodeEnv>;
  logLevel: LogLevel;
  /** How long in-flight requests may take to finish after SIGTERM before the process stops anyway. */
  shutdownTimeoutMs: number;
  scheduler: SchedulerSettings;
  /** The run worker: WORKER_CONCURRENCY (0: no worker in this process), lease, poll interval, http.request's hosts. */
  engine: EngineSettings;
  workerFunctionName?: string;
  /** Each workflow's webhook secret: POST /api/hooks/{workflowId} needs its signature. */
  webhookSecrets: ReadonlyMap<string, string>;
  sessionHours: number;
  dynamodb: { endpoint?: string; region: string; tables: TableNames };
  bootstrapAdmin: { token?: string; email: string };
  files: {
    /** Local disk storage: development and test, or WORK_ENGINE_LOCAL_STORAGE=true. */
    localStorageAllowed: boolean;
    maxBytes: number;
    localDir: string;
    /** With a bucket, uploads go to S3; without one, to local disk where that is allowed. */
    bucket?: string;
    s3Endpoint?: string;
  };
};

export class ConfigError extends Error {}

/** The only reader of process.env. A bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.STORAGE === "postgres" && !e.DATABASE_URL) {
    throw new ConfigError("Invalid configuration:\n  DATABASE_URL: required when STORAGE=postgres");
  }
  const localStorageAllowed =
    e.WORK_ENGINE_LOCAL_STORAGE === "true" ||
    (e.WORK_ENGINE_LOCAL_STORAGE === undefined && e.NODE_ENV !== "production");
  return {
    files: {
      localStorageAllowed,
      maxBytes: e.FILE_MAX_BYTES,
      localDir: e.LOCAL_STORAGE_DIR,
      bucket: e.ARTIFACTS_BUCKET,
      s3Endpoint: e.S3_ENDPOINT,
    },
    bootstrapAdmin: { token: e.BOOTSTRAP_ADMIN_TOKEN, email: e.BOOTSTRAP_ADMIN_EMAIL },
    dynamodb: {
      endpoint: e.DYNAMODB_ENDPOINT,
      region: e.AWS_REGION ?? "us-east-1",
      tables: tableNames(e, e.STORAGE === "dynamodb"),
    },
    port: e.PORT,
    storage: e.STORAGE,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    contentDir: e.CONTENT_DIR,
    exportDir: e.EXPORT_DIR,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    scheduler: {
      teamTimeZone: e.TEAM_TIME_ZONE,
      overdueRepeatDays: e.OVERDUE_REPEAT_DAYS,
      missingEvidenceDays: e.MISSING_EVIDENCE_DAYS,
      intervalSeconds: e.SCHEDULER_INTERVAL_SECONDS,
      digest: { smtpUrl: e.SMTP_URL, hour: e.DIGEST_HOUR, from: e.DIGEST_FROM },
    },
    engine: {
      concurrency: e.WORKER_CONCURRENCY,
      leaseMs: e.WORKER_LEASE_SECONDS * 1000,
      pollMs: e.WORKER_POLL_MS,
      httpAllowedHosts: e.HTTP_ACTION_ALLOWED_HOSTS,
    },
    workerFunctionName: e.WORKER_FUNCTION_NAME,
    webhookSecrets: e.WEBHOOK_SECRETS ?? new Map(),
    sessionHours: e.SESSION_HOURS,
  };
}

/**
 * Each table's name: its own variable, else DATAOPS_TABLE_PREFIX + suffix, else (development and
 * test only) the local prefix. In production a table with no name stops start-up, naming the variable.
 */
function tableNames(env: Record<string, unknown>, required: boolean): TableNames {
  const prefix = typeof env.DATAOPS_TABLE_PREFIX === "string" ? env.DATAOPS_TABLE_PREFIX : undefined;
  const local = env.NODE_ENV === "development" || env.NODE_ENV === "test" ? LOCAL_TABLE_PREFIX : undefined;
  const missing: string[] = [];
  const names = Object.fromEntries(
    (Object.entries(DYNAMO_TABLES) as [DynamoTable, (typeof DYNAMO_TABLES)[DynamoTable]][]).map(([table, spec]) => {
      const explicit = env[spec.env];
      const chosen =
        typeof explicit === "string"
          ? explicit
          : (prefix ?? local) !== undefined
            ? `${prefix ?? local}${spec.suffix}`
            : undefined;
      if (chosen === undefined) missing.push(spec.env);
      return [table, chosen ?? ""];
    }),
  ) as TableNames;
  if (required && missing.length > 0) {
    const lines = missing.map((name) => `  ${name}: required in production (or set DATAOPS_TABLE_PREFIX)`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return names;
}
