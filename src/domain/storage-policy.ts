import { ValidationError } from "./errors.js";
import type { StorageProvider } from "./storage.js";

/** Query parameters that make a URL a short-lived credential (S3, GCS, Azure SAS, CloudFront, OAuth). */
const SIGNING_PARAMS = [
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-amz-date",
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
  "password",
];

/** Keys and values that look like secrets anywhere in `metadata`, however deeply nested. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|credential|private[-_]?key|authori[sz]ation|cookie|session/i;
const SECRET_VALUE = [
  /AKIA[0-9A-Z]{16}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY/,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/,
  /\bxox[abpr]-[A-Za-z0-9-]{10,}/,
  /\bsk_(live|test)_[A-Za-z0-9]{10,}/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/i,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./,
];
export const MAX_METADATA_BYTES = 4096;

/** Whether an object key names something secret (password, token, api key, ...). */
export const isSecretKey = (key: string) => SECRET_KEY.test(key);
/** Whether a text holds something that looks like a credential (access keys, private keys, tokens). */
export const looksSecret = (value: string) => SECRET_VALUE.some((pattern) => pattern.test(value));
export const OWNED_PROVIDERS: readonly StorageProvider[] = ["s3", "local-dev"];

const invalid = (path: string, message: string) =>
  new ValidationError(`${path}: ${message}`, { issues: [{ path, message }] });

/** True when a URL carries a signature or token in its query (or, for any URI, a credential in it). */
export function isSignedUrl(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  if (url.username || url.password) return true;
  return [...url.searchParams.keys()].some((key) => SIGNING_PARAMS.includes(key.toLowerCase()));
}

/** Where a URI is stored, from its form; `unknown` for anything else. */
export function inferProvider(uri: string): StorageProvider {
  if (uri.startsWith("s3://")) return "s3";
  if (uri.startsWith("local-dev://")) return "local-dev";
  if (!/^https?:\/\//i.test(uri) || !URL.canParse(uri)) return "unknown";
  const host = new URL(uri).hostname.toLowerCase();
  const on = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (on("github.com") || on("githubusercontent.com")) return "github";
  if (on("dropbox.com") || on("dropboxusercontent.com")) return "dropbox";
  if (on("drive.google.com") || on("docs.google.com")) return "google-drive";
  return "external-url";
}

/** The stable-URI rules of docs/storage-policy.md; returns the provider to record. */
export function checkStorageUri(
  uri: string,
  given: StorageProvider | undefined,
  localStorageAllowed: boolean,
): StorageProvider {
  if (isSignedUrl(uri))
    throw invalid("storageUri", "signed or tokenized URLs expire and leak access; store the stable URI");
  const inferred = inferProvider(uri);
  const provider = given ?? inferred;
  if (inferred === "unknown" && provider !== "unknown")
    throw invalid("storageUri", "expected s3://, local-dev:// or an http(s) URL");
  if (
    (provider === "s3" || provider === "local-dev" || inferred === "s3" || inferred === "local-dev") &&
    provider !== inferred
  ) {
    throw invalid("storageProvider", `a ${inferred} URI cannot be stored as ${provider}`);
  }
  if (provider === "local-dev" && !localStorageAllowed) {
    throw invalid(
      "storageProvider",
      "local-dev storage is for development and tests only (set WORK_ENGINE_LOCAL_STORAGE=true to allow it)",
    );
  }
  return provider;
}

/** Owned objects (in our S3 bucket or local disk) must say what they are: checksum and size. */
export function checkOwnedObject(
  provider: StorageProvider,
  checksum: string | undefined,
  sizeBytes: number | undefined,
): void {
  if (!OWNED_PROVIDERS.includes(provider)) return;
  if (!checksum) throw invalid("checksum", `${provider} objects need a checksum (sha256:<hex>)`);
  if (sizeBytes === undefined) throw invalid("sizeBytes", `${provider} objects need sizeBytes`);
}

function walk(
  value: unknown,
  path: string,
  visit: (path: string, key: string | undefined, value: unknown) => void,
  key?: string,
) {
  visit(path, key, value);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`, visit);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, visit, k);
  }
}

/** Small, and free of anything that looks like a secret; values are never echoed back. */
export function checkMetadata(metadata: Record<string, unknown> | undefined): void {
  if (!metadata) return;
  if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES)
    throw invalid("metadata", `at most ${MAX_METADATA_BYTES} bytes of JSON`);
  walk(metadata, "metadata", (path, key, value) => {
    if (key !== undefined && SECRET_KEY.test(key))
      throw invalid(path, "looks like a secret; secrets never go in metadata");
    if (typeof value === "string" && (SECRET_VALUE.some((pattern) => pattern.test(value)) || isSignedUrl(value))) {
      throw invalid(path, "value looks like a secret or signed URL; secrets never go in metadata");
    }
  });
}

/** Text with anything secret-looking (keys, tokens, signed URLs) replaced, for error summaries we keep. */
export function redactSecrets(text: string): string {
  let out = text.replace(/https?:\/\/\S+/g, (url) => (isSignedUrl(url) ? "[redacted-url]" : url));
  for (const pattern of SECRET_VALUE)
    out = out.replace(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`), "[redacted]");
  return out.replace(/((?:password|secret|token|api[-_]?key)\s*[=:]\s*)\S+/gi, "$1[redacted]");
}
