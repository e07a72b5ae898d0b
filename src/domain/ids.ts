import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/** Every entity's ID prefix, in one place. */
export const ID_PREFIXES = {
  user: "usr",
  apiToken: "tok",
  session: "ses",
  workflowVersion: "wfv",
  bundle: "bnd",
  task: "tsk",
  taskEvent: "tev",
  recurringConfig: "rec",
  notification: "ntf",
  file: "fil",
  artifact: "art",
  assistantJob: "job",
  auditEvent: "aud",
  stepExecution: "stx",
  runLog: "rlg",
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** Generates prefixed, time-sortable IDs (`bnd_01j...`): 10 time characters, 16 random. */
export type IdGenerator = { next(kind: IdKind): string };

function encodeTime(ms: number): string {
  let out = "";
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = (CROCKFORD[rest % 32] as string) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomDigits(): number[] {
  return [...randomBytes(16)].map((byte) => byte % 32);
}

/** Adds one to a base-32 digit string, so IDs minted in the same millisecond still sort in order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if ((next[i] ?? 0) < 31) {
      next[i] = (next[i] ?? 0) + 1;
      return next;
    }
    next[i] = 0;
  }
  return randomDigits();
}

/** IDs ordered by the clock's milliseconds and, within one millisecond, by minting order. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let lastTime = -1;
  let lastDigits: number[] = [];
  return {
    next(kind) {
      const time = Math.max(now(), lastTime);
      lastDigits = time === lastTime ? increment(lastDigits) : randomDigits();
      lastTime = time;
      return `${ID_PREFIXES[kind]}_${encodeTime(time)}${lastDigits.map((d) => CROCKFORD[d]).join("")}`;
    },
  };
}

/**
 * The same ID every time for the same (kind, time, seed): how work made once per occurrence (a
 * recurring task) is written at most once by any number of schedulers. ULID-shaped, like minted IDs.
 */
export function derivedId(kind: IdKind, timeMs: number, seed: string): string {
  const digest = createHash("sha256").update(`${kind}\n${seed}`).digest();
  const tail = [...digest.subarray(0, 16)].map((byte) => CROCKFORD[byte % 32]).join("");
  return `${ID_PREFIXES[kind]}_${encodeTime(timeMs)}${tail}`;
}

/**
 * An application ID: the entity's prefix and a lowercase slug. Generated IDs are ULID-shaped;
 * hand-chosen ones (`usr_host`, referenced from definitions in Git) fit the same pattern.
 */
export function idSchema(kind: IdKind) {
  const prefix = ID_PREFIXES[kind];
  return z.string().regex(new RegExp(`^${prefix}_[0-9a-z][0-9a-z_-]{0,63}$`), `expected a ${kind} ID (${prefix}_...)`);
}
