import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../src/cli/dynamo-local-process.js";
import { newTokenSecret } from "../../src/domain/api-token-secret.js";

export type ServerProcess = {
  port: number;
  url: string;
  /** The bootstrap admin's bearer token. */
  adminToken: string;
  /** The PGlite data directory the server holds (and locks). */
  dataDir: string;
  /** Sends a signal to the server process. */
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** Everything written to stdout so far (the JSON log lines). */
  stdout(): string;
  /** Stops reading the server's stdout and closes the pipe, as a log shipper that goes away does. */
  closeStdout(): void;
  stop(): Promise<void>;
};

/**
 * `node --import tsx src/main.ts` as a child process over a fresh PGlite store and local file storage,
 * with a bootstrap admin, resolved once it logs that it is listening. One per test file: it takes seconds.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  /** Another entry point (the standalone scheduler), ready once its log holds `readyWhen`. */
  entry: { script: string; readyWhen: string } = { script: "src/main.ts", readyWhen: "listening" },
): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), "work-engine-server-"));
  const port = await freePort();
  const adminToken = newTokenSecret();
  const child = spawn(process.execPath, ["--import", "tsx", entry.script], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      STORAGE: "pglite",
      DATA_DIR: join(dir, "data"),
      LOCAL_STORAGE_DIR: join(dir, "files"),
      PORT: String(port),
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      // Blank is unset: whatever the developer's shell points at, this server keeps to its temp dir.
      ARTIFACTS_BUCKET: "",
      DATABASE_URL: "",
      // The in-server scheduler is off unless a test turns it on: it would write reminders of its own.
      SCHEDULER_INTERVAL_SECONDS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let log = "";
  let stdout = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stderr.on("data", keep);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      keep(chunk);
      if (log.includes(entry.readyWhen)) resolve();
    });
    void exited.then(() => reject(new Error(`the server exited before listening:\n${log}`)));
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    adminToken,
    dataDir: join(dir, "data"),
    signal: (name) => child.kill(name),
    exited,
    stdout: () => stdout,
    closeStdout: () => child.stdout.destroy(),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
