import { resolve } from "node:path";
import type { Config } from "../config.js";
import { withCheckedWrites } from "./checked-writes.js";
import { createDynamoContext } from "./dynamo/dynamo-context.js";
import { createDynamoRepository } from "./dynamo/dynamo-repository.js";
import { sweepAbandonedBundles } from "./dynamo/sweep-abandoned-bundles.js";
import { createLocalTables } from "./dynamo/template-tables.js";
import type { Repository } from "./repository.js";

const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * The configured backend, ready, with every write checked against the domain before it is stored.
 * What it has to report (a swept write, a lost idle connection) goes to `warn`: the server's logger.
 */
export async function openRepository(config: Config, warn: Warn = defaultWarn): Promise<Repository> {
  return withCheckedWrites(await openBackend(config, warn));
}

type Warn = (msg: string, fields?: Record<string, string | number>) => void;
const defaultWarn: Warn = (msg, fields) => console.warn(msg, fields ?? "");

/**
 * PGlite and Postgres apply migrations; DynamoDB tables are created from infra/template.yaml only
 * against a local endpoint outside production (the stack owns real ones).
 */
async function openBackend(config: Config, warn: Warn): Promise<Repository> {
  switch (config.storage) {
    // Loaded on demand: the Lambda bundle runs on DynamoDB and ships without PGlite or pg.
    case "pglite": {
      const [{ openPglite }, { createDrizzleRepository }] = await Promise.all([
        import("../db/client.js"),
        import("./drizzle/drizzle-repository.js"),
      ]);
      return createDrizzleRepository(await openPglite({ dataDir: resolve(config.dataDir) }));
    }
    case "postgres": {
      const [{ openPostgres }, { createDrizzleRepository }] = await Promise.all([
        import("../db/client.js"),
        import("./drizzle/drizzle-repository.js"),
      ]);
      return createDrizzleRepository(await openPostgres(config.databaseUrl ?? "", { warn }));
    }
    case "dynamodb": {
      const ctx = createDynamoContext(config.dynamodb);
      if (config.dynamodb.endpoint && config.nodeEnv !== "production") {
        await createLocalTables(ctx.client, config.dynamodb.tables);
      }
      // A bundle write abandoned mid-way (its process died) is invisible; this removes its leftovers.
      const cutoff = new Date(Date.now() - ABANDONED_AFTER_MS).toISOString();
      await sweepAbandonedBundles(ctx, cutoff).then(
        (swept) =>
          swept.length > 0 && warn("swept abandoned bundle writes", { count: swept.length, bundles: swept.join(", ") }),
        (error: unknown) =>
          warn("sweeping abandoned bundle writes failed; will retry at next start", { error: String(error) }),
      );
      return createDynamoRepository(ctx);
    }
  }
}
