import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import pg from "pg";

type Method = (...args: unknown[]) => unknown;

/**
 * Counts requests sent to Postgres (every `pg` query, BEGIN and COMMIT included) and to DynamoDB (every
 * SDK command) until stop(). PGlite runs in this process and is not counted. Bench profiling only.
 */
export function countRoundTrips(): { count(): number; stop(): void } {
  let count = 0;
  const patched: [object, string, Method][] = [];
  const wrap = (proto: object, name: string) => {
    const original = Reflect.get(proto, name) as Method;
    patched.push([proto, name, original]);
    Reflect.set(proto, name, function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    });
  };
  wrap(pg.Client.prototype, "query");
  // The document client and the plain one share the smithy base client's send.
  wrap(Object.getPrototypeOf(DynamoDBClient.prototype) as object, "send");
  return {
    count: () => count,
    stop: () => {
      for (const [proto, name, original] of patched) Reflect.set(proto, name, original);
    },
  };
}
