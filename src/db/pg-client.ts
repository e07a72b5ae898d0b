import type pg from "pg";
import { MAX_STATEMENTS, worthPreparing } from "./statement-policy.js";
import { withOverrides } from "./with-overrides.js";

type QueryConfig = { text: string; name?: string };

/**
 * The pool to hand Drizzle: each statement it repeats goes as a named prepared statement, which `pg`
 * parses once per connection and Postgres then plans from its cache, instead of parsing and planning
 * every query again. Clients checked out for a transaction do the same.
 */
export function namedStatements(pool: pg.Pool): pg.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string, params: unknown): string | undefined => {
    if (!worthPreparing(text, Array.isArray(params) ? params.length : 0)) return undefined;
    let name = names.get(text);
    if (!name && names.size < MAX_STATEMENTS) {
      name = `we_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  const query =
    (target: pg.Pool | pg.PoolClient) =>
    (config: unknown, params?: unknown, ...rest: unknown[]) => {
      const named =
        config && typeof config === "object" && "text" in config && !(config as QueryConfig).name
          ? { ...(config as QueryConfig), name: nameOf((config as QueryConfig).text, params) }
          : config;
      return (target.query as (...args: unknown[]) => unknown)(named, params, ...rest);
    };
  const connect = async () => {
    const client = await pool.connect();
    return withOverrides(client, { query: query(client) });
  };
  return withOverrides(pool, { query: query(pool), connect });
}
