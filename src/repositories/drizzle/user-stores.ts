import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiTokens, sessions, users } from "../../db/schema.js";
import type { Session } from "../../domain/session.js";
import type { ApiToken, User } from "../../domain/user.js";
import type { ApiTokenStore, SessionStore, UserStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead, pointReadWithOwner } from "./point-read.js";
import { purgeExpiredRows } from "./purge-expired.js";
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
  const withOwner = pointReadWithOwner<ApiToken>(db, apiTokens, apiTokens.tokenHash, apiTokens.userId);
  return {
    ...recordStore<ApiToken>(db, SPECS.apiToken),
    getByHash: pointRead<ApiToken>(db, apiTokens, apiTokens.tokenHash),
    getWithOwner: async (hash) => {
      const found = await withOwner(hash);
      return found && { token: found.record, owner: found.owner };
    },
    listByUser: (userId, page) =>
      keysetPage<ApiToken>(db, SPECS.apiToken, eq(apiTokens.userId, userId), ["tokenId"], page),
  };
}

export function sessionStore(db: Db): SessionStore {
  const withOwner = pointReadWithOwner<Session>(db, sessions, sessions.sessionHash, sessions.userId);
  return {
    ...recordStore<Session>(db, SPECS.session),
    getWithOwner: async (hash) => {
      const found = await withOwner(hash);
      return found && { session: found.record, owner: found.owner };
    },
    listByUser: (userId, page) =>
      keysetPage<Session>(db, SPECS.session, eq(sessions.userId, userId), ["sessionId"], page),
    /** Oldest expiry first on sessions_expires_at_idx, revoked or not (see purgeExpiredRows). */
    purgeExpired: purgeExpiredRows(db, sessions, sessions.sessionId, sessions.expiresAt),
  };
}
