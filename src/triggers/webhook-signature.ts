import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Signed webhooks: the sender signs `<timestamp>.<raw body>` with HMAC-SHA256 under the workflow's
 * secret and sends `X-Webhook-Timestamp: <unix seconds>` and `X-Webhook-Signature: sha256=<hex>`.
 * A timestamp more than five minutes from our clock is stale, so a captured request cannot be
 * replayed later; within the window a replay is the same event (its ID is derived from what was
 * signed) and starts nothing new.
 */

export const TIMESTAMP_HEADER = "x-webhook-timestamp";
export const SIGNATURE_HEADER = "x-webhook-signature";
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** The header value a sender computes: `sha256=` and the hex HMAC of `timestamp.body` (the body's raw bytes). */
export function webhookSignature(secret: string, timestamp: string, body: string | Uint8Array): string {
  const hmac = createHmac("sha256", secret).update(`${timestamp}.`);
  return `sha256=${hmac.update(body).digest("hex")}`;
}

export type SignatureCheck = { ok: true; at: Date } | { ok: false; reason: string };

export function checkSignature(
  secret: string | undefined,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string | Uint8Array,
  nowMs: number,
): SignatureCheck {
  if (!secret) return { ok: false, reason: "this workflow takes no webhooks" };
  if (!timestamp || !signature)
    return { ok: false, reason: `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} are required` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `${TIMESTAMP_HEADER} must be unix seconds` };
  const atMs = Number(timestamp) * 1000;
  if (Math.abs(nowMs - atMs) > REPLAY_WINDOW_MS)
    return { ok: false, reason: "the timestamp is outside the five-minute window" };
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "the signature does not match" };
  return { ok: true, at: new Date(atMs) };
}
