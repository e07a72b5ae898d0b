import { createHash, randomBytes } from "node:crypto";

/** A new bearer secret: shown to its owner once, never stored. */
export function newTokenSecret(): string {
  return `we_${randomBytes(32).toString("base64url")}`;
}

/** What is stored and looked up instead of the secret. */
export function hashToken(secret: string): string {
  return `sha256:${createHash("sha256").update(secret).digest("hex")}`;
}
