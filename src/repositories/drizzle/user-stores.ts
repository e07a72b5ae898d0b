import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiTokens, users } from "../../db/schema.js";
import type { ApiToken, User } from "../../domain/user.js";
import type { ApiTokenStore, UserStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead, tokenWithOwner } from "./point-read.js";
import { recordStore } from "./record-store.js";
import { SPECS } from "./table-specs.js";

export function userStore(db: Db): UserStore {
  return {
    ...recordStore<User>(db, SPECS.user),
    getByEmail: pointRead<User>(db, users, users.email),
    list: (page) => keysetPage<User>(db, SPECS.user, undefined, ["userId"], page),
  };
}

export function apiTokenStore(db: Db): ApiTokenStore {
  return {
    ...recordStore<ApiToken>(db, SPECS.apiToken),
    getByHash: pointRead<ApiToken>(db, apiTokens, apiTokens.tokenHash),
    getWithOwner: tokenWithOwner(db),
    listByUser: (userId, page) =>
      keysetPage<ApiToken>(db, SPECS.apiToken, eq(apiTokens.userId, userId), ["tokenId"], page),
  };
}
