import fc from "fast-check";
import { newTokenSecret } from "../../src/domain/api-token-secret.js";
import { MAX_FIELD_DEPTH } from "../../src/domain/free-form-json.js";

/** Deterministic choices, so a failure replays. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  /** Mostly the first (ordinary) value, sometimes any of them: enough gets through to build on. */
  const edge = <T>(items: readonly T[]) => (next() < 0.7 ? (items[0] as T) : pick(items));
  return { seed, next, pick, edge };
}
export type Rnd = ReturnType<typeof seeded>;

const ACCESS_KEY = ["AKIA", "QWERTYUIOPASDFGH"].join("");

/**
 * Inputs a client may send, valid or at the edge of what the API takes: whatever of them the API
 * accepts must export clean. Refusals (400) are fine; a stored finding or a 500 is the failure.
 */
export const EDGE = {
  dates: ["2026-02-20", "2026-03-01", "2026-03-02", "2026-03-10", "2024-02-29", "9999-12-31", "0001-01-01"],
  timestamps: ["2026-03-05T10:00:00.000Z", "2026-03-06T10:00:00Z", "9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z"],
  links: [
    "https://example.com/proof",
    "",
    "HTTPS://Docs.Example.com/a?b=1#c",
    "http://169.254.169.254/latest",
    "http://[::ffff:127.0.0.1]/",
    "https://example.com/cb#access_token=abc",
    "javascript:alert(1)",
  ],
  storageUris: [
    "https://docs.example.com/p",
    "https://github.com/org/repo/blob/main/a.md",
    "s3://bucket/key",
    "data:text/plain,hi",
    "http://localhost/x",
    "https://b.s3.amazonaws.com/k?AWSAccessKeyId=A&Signature=s",
  ],
  inputRefs: [
    "s3://bucket/in.wav",
    "art_01jabcdefghjkmnpqrstvwxyz",
    "https://example.com/in.mp3",
    "file:///etc/passwd",
  ],
  texts: ["edited", "", " ", 'ünïcödé "quoted"', "x".repeat(5000), `key ${ACCESS_KEY}`, "token=abc", "we_are fine"],
  numbers: [0, -1, 1, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER, 1e308, 0.5],
};

/** Error text with secrets in it, which the service must store redacted. */
export const errorText = (rnd: Rnd) =>
  rnd.pick([
    "timeout",
    `auth failed for ${newTokenSecret()}`,
    "GET https://x.example/a?X-Amz-Signature=abc failed",
    `password: hunter2 and ${"y".repeat(990)} token=zz`,
  ]);

/** `{a: [[...]]}` nested `levels` deep, near the limit either side. */
export function nestedMetadata(rnd: Rnd): Record<string, unknown> {
  const levels = rnd.pick([1, MAX_FIELD_DEPTH - 1, MAX_FIELD_DEPTH, MAX_FIELD_DEPTH + 1, 40]);
  let value: unknown = "leaf";
  for (let i = 1; i < levels; i++) value = rnd.next() < 0.5 ? [value] : { k: value };
  return { a: value };
}

/** Free-form metadata as fast-check draws it (its own seed, from ours): keys and values of any shape. */
export function drawnMetadata(rnd: Rnd): Record<string, unknown> {
  const [value] = fc.sample(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 }), {
    seed: Math.floor(rnd.next() * 2 ** 31),
    numRuns: 1,
  });
  return value ?? {};
}
