import { z } from "zod";
import { isNonPublicHost } from "./private-hosts.js";
import { looksSecret } from "./secret-patterns.js";

/** Query (or fragment) parameters that make a URL a short-lived credential (S3, GCS, Azure SAS, CloudFront, OAuth). */
const SIGNING_PARAMS = new Set([
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-amz-date",
  "awsaccesskeyid",
  "x-goog-signature",
  "x-goog-credential",
  "googleaccessid",
  "signature",
  "sig",
  "se",
  "sv",
  "token",
  "access_token",
  "id_token",
  "refresh_token",
  "auth",
  "key-pair-id",
  "policy",
  "expires",
  "client_secret",
  "apikey",
  "api_key",
  "api-key",
  "key",
  "secret",
  "session",
  "sessionid",
  "jwt",
  "password",
]);

/** A reference without a scheme is an ID or a name: no path, query, fragment or escape to follow. */
const PLAIN_REF = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * What a URI field is for. `link`: something a person or an http request may follow (http(s) only).
 * `storage`: where an object lives (also `s3://` and `local-dev://`). `ref`: a storage URI, or an
 * opaque reference without a scheme (an artifact ID).
 */
export type UriUse = "link" | "storage" | "ref";

const SCHEMES: Record<UriUse, readonly string[]> = {
  link: ["http:", "https:"],
  storage: ["http:", "https:", "s3:", "local-dev:"],
  ref: ["http:", "https:", "s3:", "local-dev:"],
};
const EXPECTED: Record<UriUse, string> = {
  link: "expected an http(s) URL",
  storage: "expected s3://, local-dev:// or an http(s) URL",
  ref: "expected s3://, local-dev://, an http(s) URL or a reference without a scheme",
};

/** Which finding the export validator gives a URI the policy refuses. */
export type UriProblem = { message: string; finding: "SIGNED_URL" | "SECRET_VALUE" | "INVALID_FIELD" };

/**
 * Every `name=` that follows `?`, `&`, `#`, `;` or `/` anywhere in the URI: query and fragment
 * parameters, matrix parameters (`;token=`) and routes inside a fragment (`#/cb?access_token=`).
 */
const paramNames = (uri: string) =>
  [...uri.matchAll(/[?&#;/]([A-Za-z0-9_.-]+)=/g)].map((m) => String(m[1]).toLowerCase());

/** True when a URL carries a signature or token in any parameter, or a credential in its authority. */
export function isSignedUrl(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.username || url.password) return true;
  let decoded = uri;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    // Malformed escapes: the names as written are all there is to read.
  }
  return [...paramNames(uri), ...paramNames(decoded)].some((key) => SIGNING_PARAMS.has(key));
}

/** `.` or `..` as a path segment, written or escaped: a storage key must not climb out of its prefix. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** Why `uri` may not be stored in a field used as `use`; undefined when it may. */
export function uriProblem(uri: string, use: UriUse): UriProblem | undefined {
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(uri);
  if (use === "ref" && !hasScheme) {
    if (looksSecret(uri)) return { message: "looks like a secret", finding: "SECRET_VALUE" };
    return PLAIN_REF.test(uri) ? undefined : { message: EXPECTED[use], finding: "INVALID_FIELD" };
  }
  // A backslash is a slash to some URL parsers and not to others: `http://a.com\@10.0.0.1/` names two hosts.
  if (!hasScheme || /[\s\\]/.test(uri) || !URL.canParse(uri))
    return { message: EXPECTED[use], finding: "INVALID_FIELD" };
  const url = new URL(uri);
  if (!SCHEMES[use].includes(url.protocol) || !uri.slice(url.protocol.length).startsWith("//"))
    return { message: EXPECTED[use], finding: "INVALID_FIELD" };
  if (isSignedUrl(uri) || looksSecret(uri))
    return {
      message: "signed or tokenized URLs expire and leak access; store the stable URI",
      finding: "SIGNED_URL",
    };
  if ((url.protocol === "http:" || url.protocol === "https:") && isNonPublicHost(url.hostname))
    return { message: "must name a public host (not loopback, private or link-local)", finding: "INVALID_FIELD" };
  if (DOT_SEGMENT.test(uri.slice(url.protocol.length + 2)))
    return { message: "must not contain . or .. path segments", finding: "INVALID_FIELD" };
  return undefined;
}

/** A string field holding a URI used as `use`: the same rules for API input and for the export validator. */
export function uriField(use: UriUse, options: { blankAllowed?: boolean } = {}) {
  return z
    .string()
    .trim()
    .max(2000)
    .superRefine((value, ctx) => {
      if (value === "") {
        if (!options.blankAllowed) ctx.addIssue({ code: "custom", message: "must not be blank" });
        return;
      }
      const problem = uriProblem(value, use);
      if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { finding: problem.finding } });
    });
}
