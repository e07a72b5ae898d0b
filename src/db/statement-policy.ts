/**
 * Which statements both drivers keep as named prepared statements (pg-client.ts, pglite-statements.ts):
 * single DML statements, repeated. Multi-row inserts are not kept: each row count is another text,
 * and each kept plan of one costs about 0.3 MB (per connection on Postgres); single-row writes and
 * reads are. The number kept per database is bounded.
 */
const DML = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_PARAMS = 200;
export const MAX_STATEMENTS = 500;

export function worthPreparing(text: string, paramCount: number): boolean {
  return paramCount <= MAX_PARAMS && DML.test(text);
}
