import { eq, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { apiTokens, users } from "../../db/schema.js";
import type { ApiToken, User } from "../../domain/user.js";
import { readRecord, recordPlanOf } from "./record-literals.js";

/**
 * The record whose `by` column holds a value, or undefined: a statement built once and prepared
 * (named, so Postgres plans it once per connection), its row one literal. The hot reads of every
 * request (the token, the user, the record asked for) spend nothing on building SQL.
 */
export function pointRead<T>(db: Db, table: PgTable, by: PgColumn): (value: string) => Promise<T | undefined> {
  const plan = recordPlanOf(table);
  const statement = db
    .select({ row: plan.literal })
    .from(table)
    .where(eq(by, sql.placeholder("value")))
    .limit(1)
    .prepare(`point_${getTableConfig(table).name}_${by.name}`);
  return async (value) => {
    const [found] = await statement.execute({ value });
    return found ? readRecord<T>(plan, found.row) : undefined;
  };
}

/** The token with this hash joined to its owner: authentication in one prepared query. */
export function tokenWithOwner(db: Db): (tokenHash: string) => Promise<{ token: ApiToken; owner: User } | undefined> {
  const tokenPlan = recordPlanOf(apiTokens);
  const ownerPlan = recordPlanOf(users);
  const statement = db
    .select({ token: tokenPlan.literal, owner: ownerPlan.literal })
    .from(apiTokens)
    .innerJoin(users, eq(users.userId, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder("hash")))
    .limit(1)
    .prepare("point_token_with_owner");
  return async (hash) => {
    const [found] = await statement.execute({ hash });
    return found
      ? { token: readRecord<ApiToken>(tokenPlan, found.token), owner: readRecord<User>(ownerPlan, found.owner) }
      : undefined;
  };
}
