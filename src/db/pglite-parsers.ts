import { PGlite, type Transaction, types } from "@electric-sql/pglite";

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

/** The client to hand Drizzle: `query` without per-call parsers, transactions wrapped the same way. */
export function withoutPerQueryParsers<C extends PGlite | Transaction>(client: C): C {
  return new Proxy(client, {
    get(target, property) {
      if (property === "query") {
        return (text: string, params?: unknown[], options?: { rowMode?: "array" | "object" }) =>
          target.query(text, params, options?.rowMode ? { rowMode: options.rowMode } : undefined);
      }
      if (property === "transaction" && target instanceof PGlite) {
        return <T>(callback: (tx: Transaction) => Promise<T>) =>
          target.transaction((tx) => callback(withoutPerQueryParsers(tx)));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
