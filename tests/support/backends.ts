import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openPglite, openPostgres } from "../../src/db/client.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import type { Repository } from "../../src/repositories/repository.js";
import { databaseUrl, withAdmin } from "./postgres-admin.js";

/** A backend the contract suite runs against; `open()` gives a fresh, empty, migrated store. */
export type Backend = { name: string; open(): Promise<Repository> };

export const pgliteBackend: Backend = {
  name: "pglite",
  async open() {
    const dump = new Blob([readFileSync(inject("pgliteDumpPath"))]);
    return createDrizzleRepository(await openPglite({ loadDataDir: dump }));
  },
};

export const postgresBackend: Backend = {
  name: "postgres",
  async open() {
    const database = `${inject("runPrefix")}_${randomBytes(4).toString("hex")}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${database} TEMPLATE ${inject("postgresTemplate")}`));
    return createDrizzleRepository(await openPostgres(databaseUrl(database), { max: 10 }));
  },
};
