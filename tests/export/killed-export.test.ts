import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/client.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import * as f from "../support/fixtures.js";

const TASKS = 6000;

/** SIGKILL in the middle of `npm run export`: the process gets no chance to clean up. */
describe("an export killed midway", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "export-kill-"));
    const repo = createDrizzleRepository(await openPglite({ dataDir: join(dir, "data") }));
    for (let written = 0; written < TASKS; written += 500) {
      const bundle = f.bundle({ taskCount: 500, openTaskCount: 500 });
      const tasks = Array.from({ length: 500 }, (_, i) => f.task({ bundleId: bundle.bundleId, taskOrder: i }));
      await repo.bundles.createWithTasks({
        bundle,
        tasks,
        taskEvents: [],
        audit: [f.audit("bundle", bundle.bundleId)],
      });
    }
    await repo.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves no directory that validates as complete", async () => {
    const out = join(dir, "backup");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/export.ts", "--out", out], {
      env: { ...process.env, STORAGE: "pglite", DATA_DIR: join(dir, "data"), NODE_ENV: "test" },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_, signal) => resolve(signal)));
    // Kill as soon as the tasks file is being written: users, versions and bundles are done, the rest is not.
    let partial = "";
    for (let waited = 0; waited < 60_000 && !partial; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const found = readdirSync(dir).find((name) => name.startsWith(".backup.partial-"));
      if (found && existsSync(join(dir, found, "tasks.jsonl"))) partial = join(dir, found);
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(partial).not.toBe("");

    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(partial, "manifest.json"))).toBe(false);
    for (const candidate of [out, partial]) {
      const findings = await validateExport(candidate);
      expect(findings.some((finding) => finding.severity === "error")).toBe(true);
    }
  }, 120_000);
});
