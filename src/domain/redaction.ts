import { z } from "zod";
import { SECRET_VALUES } from "./secret-patterns.js";
import { isSignedUrl } from "./uri-policy.js";

const URI = /[a-z][a-z0-9+.-]*:\/\/\S+/gi;
const KEY_VALUE = /((?:password|secret|token|api[-_]?key)\s*[=:]\s*)\S+/gi;
const GLOBAL_VALUES = SECRET_VALUES.map((p) => new RegExp(p.source, `${p.flags.replace("g", "")}g`));

function redactOnce(text: string): string {
  let out = text.replace(URI, (uri) => (isSignedUrl(uri) ? "[redacted-url]" : uri));
  for (const pattern of GLOBAL_VALUES) out = out.replace(pattern, "[redacted]");
  return out.replace(KEY_VALUE, "$1[redacted]");
}

/**
 * Text with anything secret-looking (keys, tokens, signed URLs) replaced, for error text we keep.
 * Redacted text redacts to itself, which is what the stored-record check below relies on.
 */
export function redactSecrets(text: string): string {
  let out = text;
  // One pass nearly always settles it; a replacement that forms a new match is taken by the next.
  for (let pass = 0; pass < 4; pass++) {
    const next = redactOnce(out);
    if (next === out) return out;
    out = next;
  }
  return out;
}

/** Redacted, then cut to `max` characters without leaving half a word (half a `[redacted]` would redact again). */
export function redactToFit(text: string, max: number): string {
  const out = redactSecrets(text);
  if (out.length <= max) return out;
  const cut = redactSecrets(out.slice(0, max).replace(/\S*$/, "").trimEnd());
  return cut.length > 0 && cut.length <= max ? cut : "[redacted]".slice(0, max);
}

/** Error text as stored: it must already be redacted, so a stored secret is a validator finding. */
export const RedactedText = z.string().refine((text) => redactSecrets(text) === text, {
  message: "holds secret-looking text; errors are stored redacted",
  params: { finding: "SECRET_VALUE" },
});
