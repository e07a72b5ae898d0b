import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE, type LockHolder, lockDataDir } from "../../src/db/data-dir-lock.js";

/** A pid that surely belonged to a process that has exited: a child we waited for. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid ?? 0;
}

describe("the data directory lock", () => {
  let dir: string;
  const lockFile = () => join(dir, LOCK_FILE);
  const holderIn = () => JSON.parse(readFileSync(lockFile(), "utf8")) as LockHolder;
  const writeHolder = (holder: Partial<LockHolder>) =>
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: process.pid,
        hostname: hostname(),
        startedAt: "2026-03-02T09:00:00.000Z",
        processStartedAt: performance.timeOrigin,
        token: "t",
        ...holder,
      }),
    );
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "data-dir-lock-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes this process's id, and release removes the file", () => {
    const lock = lockDataDir(dir);
    expect(holderIn()).toMatchObject({ pid: process.pid, hostname: hostname() });
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    lockDataDir(dir).release();
  });

  it("refuses a second opener in the same process, naming the holder", () => {
    const lock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it("refuses a live process, leaving its lock alone", () => {
    writeHolder({ pid: process.ppid });
    const before = readFileSync(lockFile(), "utf8");
    expect(() => lockDataDir(dir)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(new RegExp(`process ${process.ppid} .*\\n.*POST /api/exports`)),
      }),
    );
    expect(readFileSync(lockFile(), "utf8")).toBe(before);
  });

  it("takes over a lock whose process is gone", () => {
    const pid = deadPid();
    writeHolder({ pid });
    const lock = lockDataDir(dir);
    expect(holderIn().pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it("takes over a lock left by an earlier process with this pid (a restarted container)", () => {
    writeHolder({ processStartedAt: performance.timeOrigin - 60_000 });
    lockDataDir(dir).release();
  });

  it("refuses a holder on another machine: its process cannot be checked from here", () => {
    writeHolder({ pid: deadPid(), hostname: `not-${hostname()}` });
    expect(() => lockDataDir(dir)).toThrow(/on not-.*\n.*\n.*delete .*work-engine\.lock/);
  });

  it("treats an unreadable lock as being written now, and as stale once it is old", () => {
    writeFileSync(lockFile(), "");
    expect(() => lockDataDir(dir)).toThrow(/another process that is opening it now/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    lockDataDir(dir).release();
  });

  it("release leaves a lock that is no longer its own", () => {
    const lock = lockDataDir(dir);
    writeHolder({ token: "someone-else" });
    lock.release();
    expect(holderIn().token).toBe("someone-else");
  });
});
