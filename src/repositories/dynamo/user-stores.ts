import type { ApiToken, User } from "../../domain/user.js";
import type { ApiTokenStore, UserStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { apiTokenCodec, userCodec } from "./entity-codecs.js";
import { getRecord } from "./entity-writes.js";
import { keys, partitions } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { recordStore } from "./record-store.js";

/** Looks a record up through a unique-value claim item (email, token hash): two consistent reads. */
async function throughClaim<T>(
  ctx: DynamoContext,
  claim: ReturnType<typeof keys.emailClaim>,
  field: string,
  load: (id: string) => Promise<T | undefined>,
) {
  const pointer = await getRecord<Record<string, string>>(ctx, "users", claim);
  const id = pointer?.[field];
  return id ? load(id) : undefined;
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
  const users = recordStore<User>(ctx, userCodec, keys.user);
  const getByHash = (hash: string) => throughClaim(ctx, keys.tokenHashClaim(hash), "tokenId", base.get);
  return {
    ...base,
    getByHash,
    // The owner is known only once the token is read: two reads, each strongly consistent.
    async getWithOwner(hash) {
      const token = await getByHash(hash);
      const owner = token && (await users.get(token.userId));
      return token && owner ? { token, owner } : undefined;
    },
    listByUser: (userId, page) =>
      queryPage<ApiToken>(ctx, [{ table: "users", index: "byUser", value: partitions.tokensOf(userId) }], page),
  };
}
