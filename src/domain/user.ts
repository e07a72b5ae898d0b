import { z } from "zod";
import { Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";

export const USER_ROLES = ["admin", "operator", "viewer"] as const;
export const UserRole = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRole>;

/** The one definition of an email address: users, API input and BOOTSTRAP_ADMIN_EMAIL alike. */
export const Email = z.email().max(320);

export const User = z.strictObject({
  userId: idSchema("user"),
  name: z.string().trim().min(1).max(200),
  email: Email,
  role: UserRole,
  disabled: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

/** A bearer token; only the SHA-256 hash of the secret is ever stored. */
export const ApiToken = z.strictObject({
  tokenId: idSchema("apiToken"),
  userId: idSchema("user"),
  name: z.string().trim().min(1).max(200).optional(),
  tokenHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  expiresAt: Timestamp.optional(),
  revokedAt: Timestamp.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ApiToken = z.infer<typeof ApiToken>;

/** A token as the API shows it: never its hash, since a hash of a chosen secret can be attacked offline. */
export const PublicToken = ApiToken.omit({ tokenHash: true });
export type PublicToken = z.infer<typeof PublicToken>;
