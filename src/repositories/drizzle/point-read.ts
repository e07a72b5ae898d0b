import { eq, sql } from "drizzle-orm";
import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema.js";
import type { User } from "../../domain/user.js";
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

/**
 * The record whose `by` column holds a value joined to its owner (the user `ownerId` names): what a
 * bearer token or a portal session signs in with, in one prepared query.
 */
export function pointReadWithOwner<T>(
  db: Db,
  table: PgTable,
  by: PgColumn,
  ownerId: PgColumn,
): (value: string) => Promise<{ record: T; owner: User } | undefined> {
  const recordPlan = recordPlanOf(table);
  const ownerPlan = recordPlanOf(users);
  const statement = db
    .select({ record: recordPlan.literal, owner: ownerPlan.literal })
    .from(table)
    .innerJoin(users, eq(users.userId, ownerId))
    .where(eq(by, sql.placeholder("value")))
    .limit(1)
    .prepare(`point_${getTableConfig(table).name}_${by.name}_with_owner`);
  return async (value) => {
    const [found] = await statement.execute({ value });
    return found
      ? { record: readRecord<T>(recordPlan, found.record), owner: readRecord<User>(ownerPlan, found.owner) }
      : undefined;
  };
}
