import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/db/data-dir-lock.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";

type Exit = { code: number | null; stdout: string; stderr: string; ms: number };

/** The real server and CLIs, each its own process, on one PGlite data directory. */
describe("a PGlite data directory in use by the running server", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess;
  let port = 0;
  const token = `we-test-${randomBytes(16).toString("hex")}`;

  const run = (script: string, args: string[] = []) =>
    new Promise<Exit>((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.once("exit", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "locked-data-dir-"));
    env = {
      ...process.env,
      STORAGE: "pglite",
      DATA_DIR: join(dir, "data"),
      EXPORT_DIR: join(dir, "exports"),
      LOCAL_STORAGE_DIR: join(dir, "files"),
      PORT: "0",
      NODE_ENV: "test",
      BOOTSTRAP_ADMIN_TOKEN: token,
      // The default admin@localhost fails the export validator's email check, a separate matter.
      BOOTSTRAP_ADMIN_EMAIL: "admin@example.com",
    };
    server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    port = await new Promise<number>((resolve, reject) => {
      server.stdout?.on("data", (chunk) => {
        output += chunk;
        const listening = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (listening) resolve(Number(listening[1]));
      });
      server.stderr?.on("data", (chunk) => (output += chunk));
      server.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  }, 120_000);
  afterAll(() => {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up over HTTP while another process is refused at once naming the server's pid, and lets it in after SIGTERM", async () => {
    const backup = await fetch(`http://localhost:${port}/api/exports`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(backup.status).toBe(201);
    const { name } = (await backup.json()) as { name: string };
    expect(await validateExport(join(dir, "exports", name))).toEqual([]);

    for (const [script, args] of [
      ["src/cli/export.ts", ["--out", join(dir, "refused")]],
      ["src/main.ts", []],
    ] as const) {
      const refused = await run(script, [...args]);
      expect([script, refused.code]).toEqual([script, 1]);
      // The CLI prints to stderr; the server's start-up failure is a JSON log line on stdout.
      const output = refused.stdout + refused.stderr;
      expect(output).toContain(`in use by process ${server.pid} `);
      expect(output).toContain("POST /api/exports");
      expect(refused.stderr).not.toMatch(/^\s+at /m); // the message, not a stack trace
      expect(refused.ms).toBeLessThan(20_000); // fails before starting PGlite, not after a wait
    }
    expect(existsSync(join(dir, "refused"))).toBe(false);

    // Stopped, the server gives the directory up and the same command goes through.
    const stopped = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await stopped).toBe(0);
    expect(existsSync(join(dir, "data", LOCK_FILE))).toBe(false);

    const out = join(dir, "after-stop");
    const exported = await run("src/cli/export.ts", ["--out", out]);
    expect([exported.code, exported.stderr]).toEqual([0, expect.any(String)]);
    expect(exported.stdout).toMatch(/^exported \d+ records to /);
    expect(await validateExport(out)).toEqual([]);
    expect(existsSync(join(dir, "data", LOCK_FILE))).toBe(false);
  }, 120_000);
});
