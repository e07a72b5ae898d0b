import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../config.js";

/**
 * PGlite takes no lock of its own: two processes on one data directory both write its files and
 * corrupt it. This file in the directory names the one process that has it open.
 */
export const LOCK_FILE = "work-engine.lock";

/** A lock file with no readable holder younger than this is another opener still writing it. */
const UNREADABLE_GRACE_MS = 5_000;

export type LockHolder = {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Tells this process from an earlier one with the same pid (a restarted container is pid 1 again). */
  processStartedAt: number;
  token: string;
};
type Found = { text: string; holder?: LockHolder; ageMs: number };

export type DataDirLock = { file: string; release(): void };

/** Start-up refusal: printed as its message alone by the server and the CLIs, like a bad setting. */
export class DataDirLockedError extends ConfigError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder
      ? `process ${holder.pid} on ${holder.hostname} (since ${holder.startedAt})`
      : "another process that is opening it now";
    super(
      [
        `The data directory ${dataDir} is in use by ${who}; the embedded store allows one process at a time.`,
        "Stop that process first (for the server: Ctrl-C or SIGTERM), or, to back up while the server runs, call POST /api/exports.",
        `If you are sure no process uses it any more (one on another machine cannot be checked from here), delete ${join(dataDir, LOCK_FILE)}.`,
      ].join("\n"),
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * Takes the data directory for this process, or throws DataDirLockedError at once. A lock whose
 * process is gone (a crash, a kill -9) is taken over. Released by `release()`, else at process exit.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const text = JSON.stringify({
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    processStartedAt: performance.timeOrigin,
    token: randomBytes(8).toString("hex"),
  } satisfies LockHolder);
  let last: Found | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, text)) return held(file, text);
    last = readLock(file);
    if (!last) continue; // released in between: try again
    if (!isStale(last)) throw new DataDirLockedError(dataDir, last.holder);
    takeOver(file, last.text);
  }
  throw new DataDirLockedError(dataDir, last?.holder);
}

function tryCreate(file: string, text: string): boolean {
  try {
    writeFileSync(file, text, { flag: "wx" }); // O_CREAT | O_EXCL: exactly one opener creates it
    return true;
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    throw error;
  }
}

function held(file: string, text: string): DataDirLock {
  const releaseIfMine = () => {
    try {
      if (readFileSync(file, "utf8") === text) unlinkSync(file);
    } catch {
      // Already gone, or the directory went with it: nothing left to release.
    }
  };
  process.once("exit", releaseIfMine);
  return {
    file,
    release() {
      process.off("exit", releaseIfMine);
      releaseIfMine();
    },
  };
}

function readLock(file: string): Found | undefined {
  try {
    const text = readFileSync(file, "utf8");
    const ageMs = Date.now() - statSync(file).mtimeMs;
    return { text, holder: parseHolder(text), ageMs };
  } catch (error) {
    if (codeOf(error) === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(value.pid) && typeof value.hostname === "string" ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the holder is surely gone. A process on another machine cannot be checked, so it is not. */
function isStale({ holder, ageMs }: Found): boolean {
  if (!holder) return ageMs > UNREADABLE_GRACE_MS;
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return holder.processStartedAt !== performance.timeOrigin;
  try {
    process.kill(holder.pid, 0); // signal 0 checks existence without signalling
    return false;
  } catch (error) {
    return codeOf(error) === "ESRCH"; // EPERM: alive, under another user
  }
}

/**
 * Removes a stale lock so the next attempt can create one. Renamed aside first and compared, because
 * a second opener may have taken the lock over since it was read; a live lock moved by mistake is
 * linked back (link, unlike rename, never replaces a lock created meanwhile).
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.stale-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== staleText) linkSync(aside, file);
  } catch (error) {
    if (codeOf(error) !== "EEXIST") throw error;
  } finally {
    unlinkSync(aside);
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
