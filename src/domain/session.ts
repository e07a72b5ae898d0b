import { z } from "zod";
import { Version } from "./common.js";
import { Timestamp } from "./dates.js";
import { idSchema } from "./ids.js";

/**
 * A portal sign-in: the browser holds the secret in an HttpOnly cookie and only its SHA-256 hash is
 * stored. It ends at `expiresAt`, on sign-out (`revokedAt`), and when its user is disabled.
 */
export const Session = z.strictObject({
  sessionId: idSchema("session"),
  userId: idSchema("user"),
  sessionHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  expiresAt: Timestamp,
  revokedAt: Timestamp.optional(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** A session as the API may show it (answers, a version conflict's `current`): never its hash. */
export const PublicSession = Session.omit({ sessionHash: true });
export type PublicSession = z.infer<typeof PublicSession>;

/** How long a session lasts unless SESSION_HOURS says otherwise. */
export const DEFAULT_SESSION_HOURS = 12;
