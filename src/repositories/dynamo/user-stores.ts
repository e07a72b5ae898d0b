import type { Session } from "../../domain/session.js";
import type { ApiToken, User } from "../../domain/user.js";
import type { ApiTokenStore, SessionStore, UserStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { apiTokenCodec, sessionCodec, userCodec } from "./entity-codecs.js";
import { getRecord } from "./entity-writes.js";
import { type Key, keys, partitions } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { recordStore } from "./record-store.js";

/** Looks a record up through a unique-value claim item (email, token or session hash): two consistent reads. */
async function throughClaim<T>(
  ctx: DynamoContext,
  claim: Key,
  field: string,
  load: (id: string) => Promise<T | undefined>,
) {
  const pointer = await getRecord<Record<string, string>>(ctx, "users", claim);
  const id = pointer?.[field];
  return id ? load(id) : undefined;
}

/**
 * The record a hash names and its owner as it is now. The owner is known only once the record is
 * read: two reads after the claim's, each strongly consistent.
 */
function withOwner<T extends { userId: string }>(
  ctx: DynamoContext,
  getByHash: (hash: string) => Promise<T | undefined>,
) {
  const users = recordStore<User>(ctx, userCodec, keys.user);
  return async (hash: string): Promise<{ record: T; owner: User } | undefined> => {
    const record = await getByHash(hash);
    const owner = record && (await users.get(record.userId));
    return record && owner ? { record, owner } : undefined;
  };
}

export function userStore(ctx: DynamoContext): UserStore {
  const base = recordStore<User>(ctx, userCodec, keys.user);
  return {
    ...base,
    getByEmail: (email) => throughClaim(ctx, keys.emailClaim(email), "userId", base.get),
    list: (page) => queryPage<User>(ctx, [{ table: "users", index: "byKind", value: partitions.users() }], page),
  };
}

export function apiTokenStore(ctx: DynamoContext): ApiTokenStore {
  const base = recordStore<ApiToken>(ctx, apiTokenCodec, keys.token);
  const getByHash = (hash: string) => throughClaim(ctx, keys.tokenHashClaim(hash), "tokenId", base.get);
  const signIn = withOwner(ctx, getByHash);
  return {
    ...base,
    getByHash,
    async getWithOwner(hash) {
      const found = await signIn(hash);
      return found && { token: found.record, owner: found.owner };
    },
    listByUser: (userId, page) =>
      queryPage<ApiToken>(ctx, [{ table: "users", index: "byUser", value: partitions.tokensOf(userId) }], page),
  };
}

export function sessionStore(ctx: DynamoContext): SessionStore {
  const base = recordStore<Session>(ctx, sessionCodec, keys.session);
  const signIn = withOwner(ctx, (hash) => throughClaim(ctx, keys.sessionHashClaim(hash), "sessionId", base.get));
  return {
    ...base,
    async getWithOwner(hash) {
      const found = await signIn(hash);
      return found && { session: found.record, owner: found.owner };
    },
    listByUser: (userId, page) =>
      queryPage<Session>(ctx, [{ table: "users", index: "byUser", value: partitions.sessionsOf(userId) }], page),
    /** Nothing to do: the users table's TTL deletes an expired session and its claim (within days of expiresAt). */
    purgeExpired: async () => 0,
  };
}
