import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { PayloadTooLargeError } from "../domain/errors.js";
import type { AppEnv } from "./app-env.js";
import { errorResponse } from "./error-envelope.js";

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Counts the bytes as they are read and stops at the limit: a chunked body has no length to trust.
 * A Content-Length is trusted, since it frames the body for the HTTP parser, which reads no further.
 */
const limitJsonBody = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new PayloadTooLargeError("the JSON body", MAX_JSON_BYTES);
  },
});

/** Multipart bodies are uploads, which the upload route limits to the file size. */
const isUpload = (c: Context) => /^multipart\/form-data\b/i.test(c.req.header("content-type") ?? "");

/**
 * Bodies up to 1 MiB, and no NUL in the URL: Postgres text cannot hold one, and every backend
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
  // No route reads a GET or HEAD body; asking for one would build a full Request on every read.
  if (c.req.method === "GET" || c.req.method === "HEAD" || isUpload(c)) return next();
  return limitJsonBody(c, next);
});

function refused(c: Context) {
  return errorResponse(c, "validation_failed", "NUL characters are not accepted", {
    issues: [{ path: "(request)", message: "contains NUL" }],
  });
}
