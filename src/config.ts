import { z } from "zod";

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
});

export type Config = {
  port: number;
  storage: "pglite" | "postgres" | "dynamodb";
  dataDir: string;
  databaseUrl?: string;
  contentDir: string;
  nodeEnv: z.infer<typeof NodeEnv>;
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
  return {
    port: e.PORT,
    storage: e.STORAGE,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    contentDir: e.CONTENT_DIR,
    nodeEnv: e.NODE_ENV,
  };
}
