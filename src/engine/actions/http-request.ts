import { durationMs } from "../../domain/duration.js";
import { applyTransform } from "../../transform/apply-transform.js";
import { defineAction } from "./action-module.js";
import { isAllowedHost } from "./http-allowed-hosts.js";
import { HttpRequestConfig } from "./http-request-config.js";
import { httpFailure, responseResult } from "./http-response.js";

export const httpRequest = defineAction({
  type: "http.request",
  description:
    "Sends an HTTP request to a host on the HTTP_ACTION_ALLOWED_HOSTS list; any other is refused before a " +
    "connection is made (`HttpError`/`HOST_NOT_ALLOWED`). The body is a `jsonata` or `jmespath` transform of " +
    "data, input, steps, variables and bundle, sent as JSON. Every request carries `Idempotency-Key`, the same " +
    "for every delivery of one attempt and new for each retry; `headers` may not set it, nor Host, " +
    "Content-Length, Content-Type or hop-by-hop headers. Redirects are not followed. A status of 300 or more " +
    "fails with `HttpError`/`HTTP_<status>`; no answer within `timeout` (at most PT2M) or the step's timeout " +
    "with `TimeoutError`; a network failure with `HttpError`/`NETWORK_ERROR`; a body over `maxResponseBytes` " +
    "(at most 128 KiB; it is read no further) with `HttpError`/`RESPONSE_TOO_LARGE`. Output: `{status, " +
    "headers: {contentType, etag, lastModified, location, retryAfter, requestId} (those sent), body}`, `body` " +
    "parsed when the response is JSON, else text.",
  config: HttpRequestConfig,
  example: {
    method: "POST",
    url: "https://hooks.example.com/expenses",
    headers: { Accept: "application/json" },
    body: { type: "jsonata", expression: "{'amount': data.amount, 'bundle': bundle.bundleId}" },
    timeout: "PT10S",
    maxResponseBytes: 65536,
  },
  inline: false,
  async run({ config, idempotencyKey, scope, signal, ctx }) {
    const url = new URL(config.url);
    const where = `${config.method} ${url.origin}${url.pathname}`;
    // Checked before anything else happens: a host off the list is never connected to.
    if (!isAllowedHost(url, ctx.engine.httpAllowedHosts))
      return httpFailure("HttpError", "HOST_NOT_ALLOWED", `${url.host} is not in HTTP_ACTION_ALLOWED_HOSTS`);
    let body: string | undefined;
    if (config.body) {
      try {
        body = JSON.stringify(await applyTransform(config.body, scope));
      } catch (error) {
        return httpFailure("ExpressionError", "TRANSFORM_FAILED", (error as Error).message);
      }
    }
    const headers: Record<string, string> = { ...config.headers, "idempotency-key": idempotencyKey };
    if (body !== undefined) headers["content-type"] = "application/json";
    const timeoutMs = durationMs(config.timeout) ?? 0;
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const response = await fetch(url, { method: config.method, headers, body, redirect: "manual", signal: deadline });
      return await responseResult(response, config.maxResponseBytes, where);
    } catch (error) {
      if (deadline.aborted) {
        const why = signal.aborted ? "before the step's timeout" : `within ${config.timeout}`;
        return httpFailure("TimeoutError", undefined, `${where} did not finish ${why}`);
      }
      return httpFailure("HttpError", "NETWORK_ERROR", `${where} failed: ${networkReason(error)}`);
    }
  },
});

/** fetch rejects with "fetch failed"; the socket's error (ECONNREFUSED, ENOTFOUND, ...) is its cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}
