import { JsonObject } from "./free-form-json.js";
import { isSecretKey, looksSecret } from "./secret-patterns.js";
import { isSignedUrl } from "./uri-policy.js";
import { walkJson } from "./walk-json.js";

export const MAX_METADATA_BYTES = 4096;

/**
 * An artifact's `metadata`: small, shallow, and free of anything that looks like a secret, for API
 * input and stored records alike. Refusals name the path, never the value.
 */
export const Metadata = JsonObject.superRefine((metadata, ctx) => {
  if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    ctx.addIssue({ code: "custom", message: `at most ${MAX_METADATA_BYTES} bytes of JSON` });
    return;
  }
  walkJson(metadata, ({ key, value, path }) => {
    if (typeof key === "string" && isSecretKey(key)) {
      const message = "looks like a secret; secrets never go in metadata";
      ctx.addIssue({ code: "custom", message, path: path(), params: { finding: "SECRET_VALUE" } });
    } else if (typeof value === "string" && isSignedUrl(value)) {
      const message = "value looks like a signed URL; secrets never go in metadata";
      ctx.addIssue({ code: "custom", message, path: path(), params: { finding: "SIGNED_URL" } });
    } else if (typeof value === "string" && looksSecret(value)) {
      const message = "value looks like a secret; secrets never go in metadata";
      ctx.addIssue({ code: "custom", message, path: path(), params: { finding: "SECRET_VALUE" } });
    }
    return undefined;
  });
});
