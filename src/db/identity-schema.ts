import { boolean, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { USER_ROLES } from "../domain/user.js";
import { created, ts, version } from "./column-builders.js";

/** Who acts: users, their API tokens and their portal sessions. Re-exported by schema.ts, which the migrations are generated from. */
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

/** Portal sign-ins: only the secret's hash is stored; the scheduler tick deletes expired rows. */
export const sessions = pgTable(
  "sessions",
  {
    sessionId: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.userId, { onDelete: "cascade" }),
    sessionHash: text().notNull(),
    expiresAt: ts().notNull(),
    revokedAt: ts(),
    version: version(),
    createdAt: created(),
    updatedAt: created(),
  },
  (t) => [
    uniqueIndex("sessions_session_hash_idx").on(t.sessionHash),
    index("sessions_user_id_idx").on(t.userId, t.sessionId),
    index("sessions_expires_at_idx").on(t.expiresAt, t.sessionId),
  ],
);
