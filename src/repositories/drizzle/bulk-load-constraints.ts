import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pgError } from "./translate-error.js";

type Definition = { name: string; table: string; definition: string };
type Rows<T> = { rows: T[] };

/**
 * For a bulk copy into empty tables inside one transaction: drops the foreign keys and the
 * non-unique indexes of the current schema's tables, and returns how to put them back exactly as the
 * migrations made them (their definitions are read from the catalog first).
 *
 * Maintaining eight indexes and checking every reference row by row is most of what an insert
 * costs; building an index once and checking a foreign key over the whole table at once is far
 * cheaper. Every relationship is still enforced before anything commits: putting a foreign key back
 * checks every row, and a dangling reference fails there with the same violation an insert raises.
 * Primary keys and unique indexes stay: duplicates still conflict as they arrive.
 */
export async function setAsideConstraints(db: Db): Promise<() => Promise<void>> {
  const { rows: foreignKeys } = (await db.execute(sql`
    select c.conname as name, t.relname as "table", pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_namespace n on n.oid = t.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()
    order by 1`)) as unknown as Rows<Definition>;
  const { rows: indexes } = (await db.execute(sql`
    select i.relname as name, t.relname as "table", pg_get_indexdef(x.indexrelid) as definition
    from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and not x.indisunique and not x.indisprimary
    order by 1`)) as unknown as Rows<Definition>;
  for (const fk of foreignKeys) {
    await db.execute(sql`alter table ${sql.identifier(fk.table)} drop constraint ${sql.identifier(fk.name)}`);
  }
  for (const index of indexes) await db.execute(sql`drop index ${sql.identifier(index.name)}`);
  return async () => {
    for (const index of indexes) await db.execute(sql.raw(index.definition));
    for (const fk of foreignKeys) {
      try {
        await db.execute(
          sql`alter table ${sql.identifier(fk.table)} add constraint ${sql.identifier(fk.name)} ${sql.raw(fk.definition)}`,
        );
      } catch (error) {
        const found = pgError(error);
        if (found?.code !== "23503") throw error;
        // `Key (task_id)=(tsk_…) is not present in table "tasks".`: the first row that breaks it.
        throw new Error(`${fk.table} refers to a record that is not there: ${found.detail ?? fk.definition}`, {
          cause: error,
        });
      }
    }
  };
}
