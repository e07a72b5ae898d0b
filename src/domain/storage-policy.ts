import { ValidationError } from "./errors.js";
import type { StorageProvider } from "./storage.js";

/*
 * What a storage URI may be (scheme, host, no signature) is the URI policy of ./uri-policy.ts, checked
 * by the field schemas. What remains here depends on more than one field or on the configuration.
 */

export const OWNED_PROVIDERS: readonly StorageProvider[] = ["s3", "local-dev"];

const invalid = (path: string, message: string) =>
  new ValidationError(`${path}: ${message}`, { issues: [{ path, message }] });

/** Where a URI is stored, from its form; `unknown` for anything else. */
export function inferProvider(uri: string): StorageProvider {
  if (!URL.canParse(uri)) return "unknown";
  const url = new URL(uri);
  if (url.protocol === "s3:") return "s3";
  if (url.protocol === "local-dev:") return "local-dev";
  if (url.protocol !== "http:" && url.protocol !== "https:") return "unknown";
  const host = url.hostname.toLowerCase();
  const on = (domain: string) => host === domain || host.endsWith(`.${domain}`);
  if (on("github.com") || on("githubusercontent.com")) return "github";
  if (on("dropbox.com") || on("dropboxusercontent.com")) return "dropbox";
  if (on("drive.google.com") || on("docs.google.com")) return "google-drive";
  return "external-url";
}

/** The provider to record for a URI the URI policy accepted: the given one, if the URI allows it. */
export function checkStorageUri(
  uri: string,
  given: StorageProvider | undefined,
  localStorageAllowed: boolean,
): StorageProvider {
  const inferred = inferProvider(uri);
  const provider = given ?? inferred;
  if ((OWNED_PROVIDERS.includes(provider) || OWNED_PROVIDERS.includes(inferred)) && provider !== inferred) {
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
