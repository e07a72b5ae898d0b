import { resolve } from "node:path";
import type { Config } from "../config.js";
import { openPglite, openPostgres } from "../db/client.js";
import { createDrizzleRepository } from "./drizzle/drizzle-repository.js";
import type { Repository } from "./repository.js";

/** The configured backend, migrated and ready. */
export async function openRepository(config: Config): Promise<Repository> {
  switch (config.storage) {
    case "pglite":
      return createDrizzleRepository(await openPglite({ dataDir: resolve(config.dataDir) }));
    case "postgres":
      return createDrizzleRepository(await openPostgres(config.databaseUrl ?? ""));
    case "dynamodb":
      throw new Error("STORAGE=dynamodb is not available yet");
  }
}
