import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openPglite, openPostgres } from "../../src/db/client.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import {
  createDynamoContext,
  type DynamoContext,
  type DynamoFaults,
} from "../../src/repositories/dynamo/dynamo-context.js";
import { createDynamoRepository } from "../../src/repositories/dynamo/dynamo-repository.js";
import { tableNamesWithPrefix } from "../../src/repositories/dynamo/tables.js";
import { createLocalTables } from "../../src/repositories/dynamo/template-tables.js";
import type { Repository } from "../../src/repositories/repository.js";
import { databaseUrl, withAdmin } from "./postgres-admin.js";

/**
 * A backend the contract suite runs against; `open()` gives a fresh, empty, migrated store.
 * `sessionsExpireByTtl`: the table's TTL deletes expired sessions, so sessions.purgeExpired returns 0.
 */
export type Backend = { name: string; sessionsExpireByTtl?: true; open(): Promise<Repository> };

export const pgliteBackend: Backend = {
  name: "pglite",
  async open() {
    const dump = new Blob([readFileSync(inject("pgliteDumpPath"))]);
    return createDrizzleRepository(await openPglite({ loadDataDir: dump }));
  },
};

/** A fresh, migrated Postgres database as a raw handle (for work that needs its own transaction). */
export async function openPostgresHandle() {
  const database = `${inject("runPrefix")}_${randomBytes(4).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${database} TEMPLATE ${inject("postgresTemplate")}`));
  return { url: databaseUrl(database), handle: await openPostgres(databaseUrl(database), { max: 4 }) };
}

export const postgresBackend: Backend = {
  name: "postgres",
  async open() {
    const database = `${inject("runPrefix")}_${randomBytes(4).toString("hex")}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${database} TEMPLATE ${inject("postgresTemplate")}`));
    return createDrizzleRepository(await openPostgres(databaseUrl(database), { max: 10 }));
  },
};

/** A fresh DynamoDB store: the template's tables under a prefix of its own, on the run's DynamoDB Local. */
export async function openDynamo(faults: DynamoFaults = {}): Promise<{ repo: Repository; ctx: DynamoContext }> {
  const tables = tableNamesWithPrefix(`${inject("runPrefix")}-${randomBytes(4).toString("hex")}-`);
  const ctx = createDynamoContext({ endpoint: inject("dynamoEndpoint"), region: "us-east-1", tables }, faults);
  await createLocalTables(ctx.client, tables);
  return { repo: createDynamoRepository(ctx), ctx };
}

export const dynamoBackend: Backend = {
  name: "dynamodb",
  sessionsExpireByTtl: true,
  open: async () => (await openDynamo()).repo,
};
