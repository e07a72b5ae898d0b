const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * No NUL and no unpaired UTF-16 surrogate: text Postgres and DynamoDB both store exactly. Postgres
 * text cannot hold a NUL; a lone surrogate becomes U+FFFD through one driver and an error in another.
 */
export const isCleanText = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);
