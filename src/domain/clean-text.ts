import { walkJson } from "./walk-json.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * No NUL and no unpaired UTF-16 surrogate: text Postgres and DynamoDB both store exactly. Postgres
 * text cannot hold a NUL; a lone surrogate becomes U+FFFD through one driver and an error in another.
 */
export const isCleanText = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** How input holding such text is refused, wherever it is found. */
export const UNCLEAN_TEXT = {
  message: "NUL characters and lone UTF-16 surrogates are not accepted",
  issue: { path: "(request)", message: "contains NUL or a lone surrogate" },
} as const;

/** Whether any string or key in a JSON value holds a NUL or a lone UTF-16 surrogate. */
export function holdsUncleanText(value: unknown): boolean {
  let found = false;
  walkJson(value, ({ key, value: v }) => {
    found = (typeof key === "string" && !isCleanText(key)) || (typeof v === "string" && !isCleanText(v));
    return found ? "stop" : undefined;
  });
  return found;
}
