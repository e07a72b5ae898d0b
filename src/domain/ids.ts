import { randomBytes } from "node:crypto";
import { z } from "zod";

/** Every entity's ID prefix, in one place. */
export const ID_PREFIXES = {
  user: "usr",
  apiToken: "tok",
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

function randomPart(): string {
  const bytes = randomBytes(16);
  let out = "";
  for (const byte of bytes) out += CROCKFORD[byte % 32];
  return out;
}

/** IDs ordered by the wall clock's milliseconds, unique by 80 random bits. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return { next: (kind) => `${ID_PREFIXES[kind]}_${encodeTime(now())}${randomPart()}` };
}

/**
 * An application ID: the entity's prefix and a lowercase slug. Generated IDs are ULID-shaped;
 * hand-chosen ones (`usr_host`, referenced from definitions in Git) fit the same pattern.
 */
export function idSchema(kind: IdKind) {
  const prefix = ID_PREFIXES[kind];
  return z.string().regex(new RegExp(`^${prefix}_[0-9a-z][0-9a-z_-]{0,63}$`), `expected a ${kind} ID (${prefix}_...)`);
}
