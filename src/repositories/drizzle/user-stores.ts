import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiTokens, users } from "../../db/schema.js";
import type { ApiToken, User } from "../../domain/user.js";
import type { ApiTokenStore, UserStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { recordStore } from "./record-store.js";
import { fromRow } from "./row-mapping.js";
import { SPECS } from "./table-specs.js";

export function userStore(db: Db): UserStore {
  return {
    ...recordStore<User>(db, SPECS.user),
    async getByEmail(email) {
      const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return rows[0] ? fromRow<User>(rows[0]) : undefined;
    },
    list: (page) => keysetPage<User>(db, SPECS.user, undefined, ["userId"], page),
  };
}

export function apiTokenStore(db: Db): ApiTokenStore {
  return {
    ...recordStore<ApiToken>(db, SPECS.apiToken),
    async getByHash(tokenHash) {
      const rows = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
      return rows[0] ? fromRow<ApiToken>(rows[0]) : undefined;
    },
    listByUser: (userId, page) =>
      keysetPage<ApiToken>(db, SPECS.apiToken, eq(apiTokens.userId, userId), ["tokenId"], page),
  };
}
