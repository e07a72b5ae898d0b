import { isCleanText } from "../../domain/clean-text.js";
import { walkJson } from "../../domain/walk-json.js";
import type { ActionResult } from "../run-view.js";

/** A failed result with an error handlers can route on (`errorType`, `errorCode`). */
export const httpFailure = (type: string, code: string | undefined, message: string): ActionResult => ({
  status: "failed",
  error: { type, ...(code === undefined ? {} : { code }), message: message.slice(0, 2000) },
});

/** Response headers the output keeps, by output name; the rest (cookies among them) are not stored. */
const KEPT_HEADERS = {
  contentType: "content-type",
  etag: "etag",
  lastModified: "last-modified",
  location: "location",
  retryAfter: "retry-after",
  requestId: "x-request-id",
} as const;

const isJsonType = (contentType: string | null) =>
  contentType !== null && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

/**
 * The step's result for a response: a status of 300 or more fails with `HTTP_<status>` (redirects are
 * not followed), a body past `limit` bytes fails with RESPONSE_TOO_LARGE, otherwise the output is
 * `{status, headers, body}` with `body` parsed when the response says it is JSON, else text.
 * `where` names the request in messages (method, origin and path: a query may hold a key).
 */
export async function responseResult(response: Response, limit: number, where: string): Promise<ActionResult> {
  if (response.status >= 300) {
    await response.body?.cancel().catch(() => undefined);
    const note = response.status < 400 ? " (redirects are not followed)" : "";
    const message = `${where} answered ${response.status} ${response.statusText}`.trim() + note;
    return httpFailure("HttpError", `HTTP_${response.status}`, message);
  }
  const text = await readBounded(response, limit);
  if (text === undefined)
    return httpFailure("HttpError", "RESPONSE_TOO_LARGE", `${where} answered with more than ${limit} bytes`);
  const contentType = response.headers.get("content-type");
  let body: unknown = text;
  if (isJsonType(contentType)) {
    try {
      body = text.trim() === "" ? null : JSON.parse(text);
    } catch {
      return httpFailure("HttpError", "INVALID_JSON", `${where} answered ${contentType} that does not parse as JSON`);
    }
  }
  if (!storableText(body))
    return httpFailure("HttpError", "UNSTORABLE_TEXT", `${where} answered text no store keeps (NUL characters)`);
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(KEPT_HEADERS)) {
    const value = response.headers.get(header);
    if (value !== null) headers[name] = value.slice(0, 2000);
  }
  return { status: "completed", output: { status: response.status, headers, body } };
}

/**
 * The body as UTF-8 text, or undefined once it passes `limit` bytes: read chunk by chunk and
 * abandoned (the connection closed) at the limit, so a huge or endless body is never held. A
 * declared Content-Length past the limit is refused before anything is read.
 */
async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  const declared = Number(response.headers.get("content-length"));
  if (!response.headers.has("content-encoding") && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(next.value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Postgres keeps no NUL in text or JSON strings: a body holding one fails here, not at the write. */
function storableText(value: unknown): boolean {
  let clean = true;
  walkJson(value, ({ key, value: v }) => {
    clean = (typeof key !== "string" || isCleanText(key)) && (typeof v !== "string" || isCleanText(v));
    return clean ? undefined : "stop";
  });
  return clean;
}
