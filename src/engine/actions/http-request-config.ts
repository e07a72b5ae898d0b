import { z } from "zod";
import { Duration, durationMs } from "../../domain/duration.js";
import { Transform } from "../../domain/transform.js";
import { transformProblem } from "../../transform/apply-transform.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The longest a request may take: a worker renews its claim on a run only between actions. */
export const MAX_HTTP_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
/**
 * The body becomes the step's output and the next step's input, both kept in step records, and a
 * DynamoDB item holds 400 KB: a response may take at most a third of that.
 */
export const MAX_RESPONSE_BYTES = 128 * 1024;
const MAX_HEADERS = 20;

/**
 * Headers the action sets itself (Idempotency-Key, Content-Type for its JSON body), or that decide
 * where the request goes and how it is framed: a config that set them could send to a host the
 * allow-list does not name, or smuggle a second request.
 */
export const OWNED_HEADERS: ReadonlySet<string> = new Set([
  "host",
  "content-length",
  "content-type",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "idempotency-key",
]);

/** An HTTP token (RFC 9110), as header names are. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Visible ASCII, spaces and tabs: no line breaks, and nothing `fetch` would refuse at run time. */
const HeaderValue = z
  .string()
  .max(4000)
  .regex(/^[\t\x20-\x7e]*$/, "expected visible ASCII text");

const Headers = z.record(z.string(), HeaderValue).superRefine((headers, issue) => {
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  if (names.length > MAX_HEADERS) issue.addIssue({ code: "custom", message: `at most ${MAX_HEADERS} headers` });
  names.forEach((name, i) => {
    if (!HEADER_NAME.test(name))
      issue.addIssue({ code: "custom", message: "expected an HTTP header name", path: [name.slice(0, 100)] });
    else if (OWNED_HEADERS.has(name))
      issue.addIssue({ code: "custom", message: `${name} is set by the action itself`, path: [name] });
    else if (names.indexOf(name) !== i)
      issue.addIssue({ code: "custom", message: `${name} is given twice`, path: [name] });
  });
});

const RequestUrl = z
  .string()
  .max(2000)
  .superRefine((text, issue) => {
    const fail = (message: string) => issue.addIssue({ code: "custom", message });
    // A backslash is a slash to some URL parsers and not to others: it could name two hosts.
    if (/[\s\\]/.test(text) || !URL.canParse(text)) return fail("expected an http(s) URL");
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail("expected an http(s) URL");
    if (url.username || url.password) return fail("must not carry a user name or password; send a header");
  });

const Timeout = Duration.default("PT30S").refine(
  (text) => {
    const ms = durationMs(text) ?? 0;
    return ms > 0 && ms <= MAX_HTTP_TIMEOUT_MS;
  },
  `more than zero and at most ${MAX_HTTP_TIMEOUT_MS / 1000} seconds (PT2M)`,
);

const Body = Transform.superRefine((transform, issue) => {
  const problem = transformProblem(transform);
  if (problem) issue.addIssue({ code: "custom", message: problem, path: ["expression"] });
});

export const HttpRequestConfig = z
  .strictObject({
    method: z.enum(HTTP_METHODS).default("GET"),
    url: RequestUrl,
    headers: Headers.default({}),
    body: Body.optional(),
    timeout: Timeout,
    maxResponseBytes: z.number().int().min(1).max(MAX_RESPONSE_BYTES).default(DEFAULT_MAX_RESPONSE_BYTES),
  })
  .refine((c) => !(c.method === "GET" && c.body), { message: "a GET sends no body", path: ["body"] });
export type HttpRequestConfig = z.infer<typeof HttpRequestConfig>;
