import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Of } from "../../src/domain/canonical-json.js";
import { exportStore } from "../../src/services/export-store.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import { importStore } from "../../src/services/import-store.js";
import { type Harness, startHarness } from "../http/harness.js";
import { pgliteBackend } from "../support/backends.js";
import { seedSampleWork } from "./sample-work.js";

const run = promisify(execFile);
type Line = Record<string, unknown>;

describe("export validation", () => {
  let h: Harness;
  let scratch: string;
  let clean: string;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    scratch = mkdtempSync(join(tmpdir(), "validate-"));
    await seedSampleWork(h);
    clean = join(scratch, "clean");
    await exportStore(
      h.repo,
      clean,
      { backend: "pglite", environment: "test", gitSha: "x" },
      "2026-03-02T09:00:00.000Z",
    );
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await h.close();
  });

  /** A copy of the clean export with one entity's lines changed; `reseal` recomputes checksums and counts. */
  function tampered(name: string, entity: string, change: (lines: Line[]) => Line[], reseal = true): string {
    const dir = join(scratch, name);
    cpSync(clean, dir, { recursive: true });
    const file = join(dir, `${entity}.jsonl`);
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    const text = change(lines)
      .map((l) => `${JSON.stringify(l)}\n`)
      .join("");
    writeFileSync(file, text);
    if (reseal) resealed(dir, entity, text);
    return dir;
  }
  /** The manifest's checksum and count for `entity` made to match `text`, as if the export had written it. */
  function resealed(dir: string, entity: string, text: string) {
    const { manifest_checksum: _old, ...manifest } = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    manifest.checksums[`${entity}.jsonl`] = `sha256:${createHash("sha256").update(text).digest("hex")}`;
    manifest.entity_counts[entity] = text.split("\n").filter(Boolean).length;
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...manifest, manifest_checksum: sha256Of(manifest) }));
  }
  const codes = async (dir: string) => [...new Set((await validateExport(dir)).map((f) => f.code))].sort();
  const first = <T>(lines: T[], pick: (l: T) => boolean) => lines.findIndex(pick);

  it("finds nothing wrong in an export the system wrote", async () => {
    expect(await validateExport(clean)).toEqual([]);
  });

  it("gives each kind of damage its own finding code", async () => {
    const flipByte = join(scratch, "byte");
    cpSync(clean, flipByte, { recursive: true });
    const tasksFile = join(flipByte, "tasks.jsonl");
    writeFileSync(tasksFile, readFileSync(tasksFile, "utf8").replace("Record the episode", "Record the ePisode"));
    expect(await codes(flipByte)).toEqual(["FILE_CHECKSUM"]);

    expect(await codes(tampered("missing-line", "task_events", (l) => l.slice(1), false))).toEqual([
      "COUNT_MISMATCH",
      "FILE_CHECKSUM",
    ]);
    expect(
      await codes(
        tampered("dangling", "tasks", (l) => l.map((t, i) => (i === 0 ? { ...t, bundle_id: "bnd_doesnotexist" } : t))),
      ),
    ).toEqual(["DANGLING_REFERENCE"]);
    expect(
      await codes(
        tampered("no-proof", "tasks", (l) => {
          const i = first(l, (t) => t.template_task_ref === "record");
          return l.map((t, j) => (j === i ? { ...t, link: null } : t));
        }),
      ),
    ).toEqual(["DONE_WITHOUT_PROOF"]);
    expect(
      await codes(tampered("bad-date", "tasks", (l) => l.map((t, i) => (i === 1 ? { ...t, date: "2026-02-31" } : t)))),
    ).toEqual(["INVALID_DATE"]);
    expect(
      await codes(
        tampered("bad-status", "tasks", (l) => l.map((t, i) => (i === 1 ? { ...t, status: "finished" } : t))),
      ),
    ).toEqual(["ENUM_VALUE"]);
    expect(
      await codes(
        tampered("signed", "artifacts", (l) =>
          l.map((a) => ({
            ...a,
            storage_uri: "https://b.s3.amazonaws.com/t.txt?X-Amz-Signature=abc",
            storage_provider: "external-url",
          })),
        ),
      ),
    ).toEqual(["SIGNED_URL"]);
    expect(await codes(tampered("duplicate", "users", (l) => [...l, l[0] as Line]))).toEqual(["DUPLICATE_ID"]);
    expect(
      await codes(
        tampered("waiting", "tasks", (l) => l.map((t) => (t.status === "waiting" ? { ...t, follow_up_at: null } : t))),
      ),
    ).toEqual(["WAITING_WITHOUT_FOLLOW_UP"]);
    expect(await codes(tampered("review", "artifacts", (l) => l.map((a) => ({ ...a, reviewed_at: null }))))).toEqual([
      "REVIEW_WITHOUT_TIMESTAMP",
    ]);
    expect(await codes(tampered("owned", "artifacts", (l) => l.map((a) => ({ ...a, checksum: null }))))).toEqual([
      "OWNED_WITHOUT_CHECKSUM",
    ]);
  });

  it("checks a run's links and values: its steps' bundle and task, a task's step, run and step statuses", async () => {
    const found = async (dir: string) => (await validateExport(dir)).map((f) => [f.code, f.entity, f.field]);
    const firstStep = (change: (s: Line) => Line) => (l: Line[]) => l.map((s, i) => (i === 0 ? change(s) : s));
    expect(
      await found(
        tampered(
          "step-bundle",
          "step_executions",
          firstStep((s) => ({ ...s, bundle_id: "bnd_gone" })),
        ),
      ),
    ).toEqual([["DANGLING_REFERENCE", "step_executions", "bundle_id"]]);
    const waiting = (l: Line[]) => first(l, (s) => typeof s.task_id === "string");
    expect(
      await found(
        tampered("step-task", "step_executions", (l) =>
          l.map((s, i) => (i === waiting(l) ? { ...s, task_id: "tsk_gone" } : s)),
        ),
      ),
    ).toEqual([["DANGLING_REFERENCE", "step_executions", "task_id"]]);
    expect(
      await found(
        tampered("task-step", "tasks", (l) =>
          l.map((t) => (t.step_execution_id ? { ...t, step_execution_id: "stx_gone" } : t)),
        ),
      ),
    ).toEqual([["DANGLING_REFERENCE", "tasks", "step_execution_id"]]);
    expect(
      await found(
        tampered("run-status", "bundles", (l) => l.map((b) => (b.run_status ? { ...b, run_status: "lost" } : b))),
      ),
    ).toEqual([
      ["ENUM_VALUE", "bundles", "run_status"],
      ["ENUM_VALUE", "bundles", "run_status"],
    ]);
    expect(
      await found(
        tampered(
          "step-status",
          "step_executions",
          firstStep((s) => ({ ...s, status: "lost", visit: 0 })),
        ),
      ),
    ).toEqual([
      ["INVALID_FIELD", "step_executions", "visit"],
      ["ENUM_VALUE", "step_executions", "status"],
    ]);
  });

  it("checks a run log's bundle and step, and an event's runs, emitter and receiver", async () => {
    const found = async (dir: string) => (await validateExport(dir)).map((f) => [f.code, f.entity, f.field]);
    const firstWhere = (pick: (l: Line) => boolean, change: (l: Line) => Line) => (lines: Line[]) => {
      const i = first(lines, pick);
      expect(i).toBeGreaterThanOrEqual(0);
      return lines.map((l, j) => (j === i ? change(l) : l));
    };
    const stepped = (l: Line) => typeof l.step_execution_id === "string";
    expect(
      await found(
        tampered(
          "log-bundle",
          "run_logs",
          firstWhere(stepped, (l) => ({ ...l, bundle_id: "bnd_gone" })),
        ),
      ),
    ).toEqual([["DANGLING_REFERENCE", "run_logs", "bundle_id"]]);
    expect(
      await found(
        tampered(
          "log-step",
          "run_logs",
          firstWhere(stepped, (l) => ({ ...l, step_execution_id: "stx_gone", level: "loud" })),
        ),
      ),
    ).toEqual([
      ["ENUM_VALUE", "run_logs", "level"],
      ["DANGLING_REFERENCE", "run_logs", "step_execution_id"],
    ]);
    const starter = (l: Line) => Array.isArray(l.runs) && l.runs.length > 0 && typeof l.received_by === "string";
    const run = (l: Line) => (l.runs as Line[])[0] as Line;
    expect(
      await found(
        tampered(
          "event-runs",
          "events",
          firstWhere(starter, (l) => ({
            ...l,
            runs: [
              { ...run(l), bundleId: "bnd_gone" },
              { ...run(l), workflowVersionId: "wfv_gone" },
            ],
            received_by: "usr_gone",
          })),
        ),
      ),
    ).toEqual([
      ["DANGLING_REFERENCE", "events", "received_by"],
      ["DANGLING_REFERENCE", "events", "runs[0].bundleId"],
      ["DANGLING_REFERENCE", "events", "runs[1].workflowVersionId"],
    ]);
    const emitted = (l: Line) => typeof l.emitted_by === "string";
    expect(
      await found(
        tampered(
          "event-emitter",
          "events",
          firstWhere(emitted, (l) => ({ ...l, emitted_by: "bnd_gone" })),
        ),
      ),
    ).toEqual([["DANGLING_REFERENCE", "events", "emitted_by"]]);
  });

  it("never echoes a value in a finding", async () => {
    const secret = ["AKIA", "QWERTYUIOPASDFGH"].join("");
    const dir = tampered("secret", "tasks", (l) => l.map((t, i) => (i === 2 ? { ...t, comment: `key ${secret}` } : t)));
    const findings = await validateExport(dir);
    expect(findings.map((f) => f.code)).toEqual(["SECRET_VALUE"]);
    expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it("reports a stored value nested 100,000 deep as a finding, and import refuses it, neither crashing", async () => {
    const dir = join(scratch, "deep");
    cpSync(clean, dir, { recursive: true });
    const file = join(dir, "artifacts.jsonl");
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const text = readFileSync(file, "utf8").replace(/"metadata":\{[^}]*\}/, `"metadata":${deep}`);
    expect(text).toContain("[[[[");
    writeFileSync(file, text);
    resealed(dir, "artifacts", text);
    const findings = await validateExport(dir);
    expect(findings.map((f) => [f.code, f.entity, f.field])).toEqual([["INVALID_FIELD", "artifacts", "metadata"]]);
    await expect(importStore(h.repo, dir, { dryRun: true })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("npm run export:validate exits non-zero on an error and prints JSON on request", async () => {
    const ok = await run("npx", ["tsx", "src/cli/export-validate.ts", clean]);
    expect(ok.stdout).toContain("valid, no findings");
    const broken = tampered("cli", "tasks", (l) => l.map((t, i) => (i === 0 ? { ...t, bundle_id: "bnd_gone" } : t)));
    const failed = await run("npx", ["tsx", "src/cli/export-validate.ts", broken, "--json"]).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed).toMatchObject({ code: 1 });
    const report = JSON.parse((failed as { stdout: string }).stdout);
    expect(report.findings[0]).toMatchObject({
      code: "DANGLING_REFERENCE",
      severity: "error",
      entity: "tasks",
      line: 1,
      field: "bundle_id",
    });
  });
});
