import { type PGlite, type Transaction, types } from "@electric-sql/pglite";
import { PgliteStatements } from "./pglite-statements.js";
import { withOverrides } from "./with-overrides.js";

/**
 * Drizzle asks PGlite to keep dates, timestamps and intervals (and their arrays) as text on every
 * query, and PGlite merges those parsers into its table of 318 on each call: about 85 µs a query,
 * as much as the query itself. PGlite is created with the same parsers built in instead, and the
 * client Drizzle sees drops the per-query copy, so results are identical and the merge is gone.
 */
const asText = (value: string) => value;
export const DRIZZLE_TEXT_PARSERS = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [
    oid,
    asText,
  ]),
);

type QueryOptions = { rowMode?: "array" | "object" };

/**
 * The client to hand Drizzle: statements it runs again and again are prepared once
 * (pglite-statements.ts), under the same locks PGlite's `query` takes, and `query` no longer copies
 * parsers. Transactions get a client that does the same inside them.
 */
export function drizzleClient(db: PGlite): PGlite {
  const statements = new PgliteStatements(db);
  const query = (text: string, params: unknown[] = [], options?: QueryOptions) =>
    statements.accepts(text, params)
      ? db._runExclusiveTransaction(() =>
          db._runExclusiveQuery(() => {
            if (db.closed) throw new Error("PGlite is closed");
            return statements.run(text, params, options?.rowMode ?? "object", true);
          }),
        )
      : db.query(text, params, rowModeOf(options));
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    db.transaction((tx) => callback(inTransaction(tx, db, statements)));
  return withOverrides(db, { query, transaction });
}

function inTransaction(tx: Transaction, db: PGlite, statements: PgliteStatements): Transaction {
  // Inside a transaction PGlite's own queries take only the query lock: the transaction holds the other.
  const query = (text: string, params: unknown[] = [], options?: QueryOptions) =>
    statements.accepts(text, params)
      ? db._runExclusiveQuery(() => {
          // As PGlite's own transaction does: a statement after its end must not land in another's.
          if (tx.closed || db.closed) throw new Error("Transaction is closed");
          return statements.run(text, params, options?.rowMode ?? "object", false);
        })
      : tx.query(text, params, rowModeOf(options));
  return withOverrides(tx, { query });
}

const rowModeOf = (options?: QueryOptions) => (options?.rowMode ? { rowMode: options.rowMode } : undefined);
