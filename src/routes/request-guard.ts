import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";
import { errorResponse } from "./error-envelope.js";

const MAX_JSON_BYTES = 1024 * 1024;

const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * JSON bodies up to 1 MiB, and no NUL in the URL: Postgres text cannot hold one, and every backend
 * must accept the same input. Validated bodies, queries and params are checked by the validation hook.
 */
export const guardRequest = createMiddleware<AppEnv>(async (c, next) => {
  // In a URL a NUL can only be percent-encoded; most URLs have no escapes, so most skip the decoding.
  const url = c.req.url;
  if (url.includes("%")) {
    if (/%00/i.test(url)) return refused(c);
    try {
      decodeURIComponent(url);
    } catch {
      return errorResponse(c, "validation_failed", "the URL is not valid percent-encoding");
    }
  }
  if (WITH_BODY.has(c.req.method) && (c.req.header("content-type") ?? "").includes("json")) {
    if (Number(c.req.header("content-length") ?? 0) > MAX_JSON_BYTES) {
      return errorResponse(c, "payload_too_large", `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`, {
        maxBytes: MAX_JSON_BYTES,
      });
    }
  }
  await next();
});

function refused(c: Context) {
  return errorResponse(c, "validation_failed", "NUL characters are not accepted", {
    issues: [{ path: "(request)", message: "contains NUL" }],
  });
}
