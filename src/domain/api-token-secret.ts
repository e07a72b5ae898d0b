import { createHash, randomBytes } from "node:crypto";

const PREFIX = "we_";
const SECRET_BYTES = 32;

/** A new bearer secret: shown to its owner once, never stored. */
export function newTokenSecret(): string {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
}

/**
 * What one of our secrets looks like inside any text, so the secret scans recognise our own tokens.
 * No word boundaries: `E_we_...` or a token with characters appended still holds the whole secret.
 */
export const TOKEN_SECRET_PATTERN = new RegExp(`${PREFIX}[A-Za-z0-9_-]{${Math.ceil((SECRET_BYTES * 4) / 3)}}`);

/** What is stored and looked up instead of the secret. */
export function hashToken(secret: string): string {
  return `sha256:${createHash("sha256").update(secret).digest("hex")}`;
}
