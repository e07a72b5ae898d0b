import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { exportFromContent } from "../../src/dsl/export-workflow.js";
import { tempContent } from "./temp-content.js";

const run = promisify(execFile);
type Failure = { code: number; stdout: string; stderr: string };
const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
  run("npx", ["tsx", `src/cli/${script}.ts`, ...args], { env: { ...process.env, ...env } }).catch(
    (error: Failure) => error,
  );

describe("npm run workflow:export / workflow:import", () => {
  const content = tempContent(true);
  const dataDir = mkdtempSync(join(tmpdir(), "dsl-cli-data-"));
  afterAll(() => {
    content.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints a workflow's DSL on stdout, and exits 1 naming an unknown workflow", async () => {
    const ok = await cli("workflow-export", ["expense-approval", "--format", "json", "--content", content.dir]);
    const expected = await exportFromContent(content.dir, "expense-approval", "json");
    expect(ok.stdout).toBe("text" in expected ? expected.text : "no export");
    const unknown = await cli("workflow-export", ["nope", "--content", content.dir]);
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toMatch(/no valid workflow 'nope'/);
  });

  it("exits 1 for a version the configured store does not hold", async () => {
    const missing = await cli("workflow-export", ["expense-approval", "--version", "4"], {
      STORAGE: "pglite",
      DATA_DIR: dataDir,
    });
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/no published workflow 'expense-approval'/);
  });

  it("imports a valid file, and refuses an invalid one listing each problem's path, writing nothing", async () => {
    const workflows = join(content.dir, "workflows");
    const good = join(content.dir, "expense.json");
    writeFileSync(good, (await cli("workflow-export", ["expense-approval", "--format", "json"])).stdout);
    const imported = await cli("workflow-import", [good, "--content", content.dir]);
    expect(imported.stdout).toMatch(/imported 'expense-approval' into .*expense-approval\.yaml/);

    const before = readdirSync(workflows).map((name) => readFileSync(join(workflows, name), "utf8"));
    const bad = join(content.dir, "bad.json");
    writeFileSync(bad, readFileSync(good, "utf8").replace('"offsetDays": 2', '"offsetDays": "two"'));
    const refused = await cli("workflow-import", [bad, "--content", content.dir]);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain(`${bad}: tasks[1].offsetDays: `);
    expect(refused.stderr).toMatch(/import refused: 1 problem\(s\); nothing written/);
    expect(readdirSync(workflows).map((name) => readFileSync(join(workflows, name), "utf8"))).toEqual(before);
  });
});
