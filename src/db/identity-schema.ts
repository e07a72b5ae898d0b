import { boolean, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { USER_ROLES } from "../domain/user.js";
import { created, ts, version } from "./column-builders.js";

/** Who acts: users and their API tokens. Re-exported by schema.ts, which the migrations are generated from. */
export const users = pgTable(
  "users",
  {
    userId: text().primaryKey(),
    name: text().notNull(),
    email: text().notNull(),
    role: text({ enum: USER_ROLES }).notNull(),
    disabled: boolean().notNull().default(false),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    tokenId: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.userId, { onDelete: "cascade" }),
    name: text(),
    tokenHash: text().notNull(),
    expiresAt: ts(),
    revokedAt: ts(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_idx").on(t.tokenHash),
    index("api_tokens_user_id_idx").on(t.userId, t.tokenId),
  ],
);
