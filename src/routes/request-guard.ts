import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";
import { errorResponse } from "./error-envelope.js";

const MAX_JSON_BYTES = 1024 * 1024;

/** Whether any string or key in a parsed JSON value holds a NUL character. */
function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object")
    return Object.entries(value).some(([key, v]) => key.includes("\u0000") || containsNul(v));
  return false;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // malformed JSON is the validator's to refuse
  }
}

/**
 * JSON bodies up to 1 MiB, and no NUL characters in paths, queries or JSON: Postgres text cannot hold them, and
 * every backend must accept the same input. Uploaded files (multipart) may of course contain zero bytes.
 */
export const guardRequest = createMiddleware<AppEnv>(async (c, next) => {
  let url: string;
  try {
    url = decodeURIComponent(c.req.url);
  } catch {
    return errorResponse(c, "validation_failed", "the URL is not valid percent-encoding");
  }
  const json = (c.req.header("content-type") ?? "").includes("json");
  if (json && Number(c.req.header("content-length") ?? 0) > MAX_JSON_BYTES) {
    return errorResponse(c, "payload_too_large", `JSON bodies are limited to ${MAX_JSON_BYTES} bytes`, {
      maxBytes: MAX_JSON_BYTES,
    });
  }
  // A clone, so the body stays readable for whatever handles the request next.
  const body = json ? await c.req.raw.clone().text() : "";
  if (url.includes("\u0000") || (json && containsNul(parsed(body)))) {
    return errorResponse(c, "validation_failed", "NUL characters are not accepted", {
      issues: [{ path: "(request)", message: "contains NUL" }],
    });
  }
  await next();
});
