/**
 * Which statements both drivers keep as named prepared statements (pg-client.ts, pglite-statements.ts):
 * single DML statements, repeated. Bulk inserts of hundreds of rows vary in shape and carry tens of
 * thousands of parameters, so they are not kept; a bundle's tasks (up to ~100 rows) are. The number
 * kept per database is bounded.
 */
const DML = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_PARAMS = 5000;
export const MAX_STATEMENTS = 500;

export function worthPreparing(text: string, paramCount: number): boolean {
  return paramCount <= MAX_PARAMS && DML.test(text);
}
