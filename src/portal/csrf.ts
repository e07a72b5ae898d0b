import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";

/** The hidden form field every portal form carries. */
export const CSRF_FIELD = "_csrf";

/**
 * A session's CSRF token: an HMAC keyed by the session secret, which only the cookie holds. A page of
 * ours can print it; another site can neither read the cookie (HttpOnly) nor our pages (same-origin).
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac("sha256", sessionSecret).update("work-engine portal form").digest("base64url");
}

export function csrfTokenMatches(sessionSecret: string, sent: unknown): boolean {
  if (typeof sent !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionSecret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a form post came from another site, by what the browser says: an `Origin` other than our
 * own host (or the opaque `null`), or, without `Origin`, `Sec-Fetch-Site: cross-site`. Our host is the
 * `Host` header or, behind a proxy that rewrites it, `X-Forwarded-Host` (a form on another site cannot
 * set either, so trusting them opens nothing).
 */
export function crossSite(c: Context): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return c.req.header("sec-fetch-site") === "cross-site";
  if (!URL.canParse(origin)) return true;
  const ours = [c.req.header("host") ?? new URL(c.req.url).host, c.req.header("x-forwarded-host")];
  return !ours.includes(new URL(origin).host);
}
