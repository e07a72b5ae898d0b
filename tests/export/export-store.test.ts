import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Of } from "../../src/domain/canonical-json.js";
import { exportFieldNames, PORTABLE_ENTITIES, type PortableEntity } from "../../src/domain/export-names.js";
import type { Repository } from "../../src/repositories/repository.js";
import { exportStore } from "../../src/services/export-store.js";
import { type Harness, startHarness } from "../http/harness.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";
import { seedSampleSessions } from "./sample-session.js";

const run = promisify(execFile);
const source = { backend: "test", environment: "test", gitSha: "0000000" };

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`export on ${backend.name}`, () => {
    let h: Harness;
    let scratch: string;
    let sessionIds: string[];
    beforeAll(async () => {
      h = await startHarness(backend);
      scratch = mkdtempSync(join(tmpdir(), "export-"));
      const { body } = await h.call("POST", "/api/bundles", {
        body: { workflowId: "podcast-episode", title: "Export me", anchorDate: "2026-03-20" },
      });
      const record = body.tasks.find((t: { templateTaskRef: string }) => t.templateTaskRef === "record");
      await h.call("POST", `/api/tasks/${record.taskId}/complete`, {
        as: "operator",
        body: { expectedVersion: 1, link: "https://studio.example.com/42" },
      });
      await h.call("POST", "/api/artifacts", {
        as: "operator",
        body: { type: "transcript", title: "T", storageUri: "https://docs.example.com/t/42", taskId: record.taskId },
      });
      await h.call("POST", `/api/users/${h.users.viewer.userId}/tokens`, { as: "viewer", body: { name: "laptop" } });
      ({ sessionIds } = await seedSampleSessions(h.repo, h.tokens.viewer));
    });
    afterAll(async () => {
      rmSync(scratch, { recursive: true, force: true });
      await h.close();
    });

    it("writes every entity sorted by ID in snake_case, with counts and checksums a reader can verify", async () => {
      const out = join(scratch, "full");
      const manifest = await exportStore(h.repo, out, source, "2026-03-02T09:00:00.000Z");
      expect(readdirSync(out).sort()).toEqual(
        [...Object.keys(PORTABLE_ENTITIES).map((e) => `${e}.jsonl`), "manifest.json"].sort(),
      );
      const { manifest_checksum, ...body } = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
      expect(manifest_checksum).toBe(sha256Of(body));
      expect(body).toMatchObject({
        schema_version: "work-engine.execution.v1",
        export_format_version: 1,
        generated_at: "2026-03-02T09:00:00.000Z",
        source: { backend: "test", git_sha: "0000000" },
        redactions: [],
      });
      expect(body.omitted_entities).toEqual([
        { entity: "api_tokens", reason: expect.stringContaining("never exported") },
        { entity: "sessions", reason: expect.stringContaining("never exported") },
        { entity: "scheduler_leases", reason: expect.stringContaining("scheduler bookkeeping") },
      ]);
      expect(manifest.entity_counts.tasks).toBe(12);
      for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
        const bytes = readFileSync(join(out, `${entity}.jsonl`));
        expect(body.checksums[`${entity}.jsonl`]).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
        const lines = bytes.toString("utf8").split("\n");
        expect(lines.pop()).toBe("");
        expect([entity, lines.length]).toEqual([entity, body.entity_counts[entity]]);
        const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
        const idField =
          exportFieldNames(entity)[
            Object.keys(PORTABLE_ENTITIES[entity].schema.shape).indexOf(PORTABLE_ENTITIES[entity].idField)
          ] ?? "";
        const ids = records.map((r) => String(r[idField]));
        expect([entity, ids]).toEqual([entity, [...ids].sort()]);
        for (const record of records) expect(Object.keys(record)).toEqual(exportFieldNames(entity));
      }
      const everything = readdirSync(out)
        .map((name) => readFileSync(join(out, name), "utf8"))
        .join("\n");
      expect(everything).not.toMatch(/token_hash|tokenHash|session_hash|sessionHash|we_[A-Za-z0-9_-]{20}/);
      for (const sessionId of sessionIds) {
        const hash = (await h.repo.sessions.get(sessionId))?.sessionHash ?? "";
        expect(hash).toMatch(/^sha256:/);
        expect(everything).not.toContain(hash.slice("sha256:".length));
        // The session stays behind; what was done with it is in the audit trail.
        expect(everything).toContain(`"entity_id":"${sessionId}"`);
      }
      expect(body.entity_counts.users).toBeGreaterThanOrEqual(7);
    });

    it("leaves nothing that looks complete when interrupted, and never overwrites", async () => {
      const out = join(scratch, "interrupted");
      const failing: Repository = {
        ...h.repo,
        exports: {
          ...h.repo.exports,
          pages: async function* (entity, limit) {
            if (entity === "files") throw new Error("connection lost mid-export");
            yield* h.repo.exports.pages(entity, limit);
          },
        },
      };
      await expect(exportStore(failing, out, source, "2026-03-02T09:00:00.000Z")).rejects.toThrow(
        "connection lost mid-export",
      );
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(scratch).filter((name) => name.includes("partial"))).toEqual([]);
      await exportStore(h.repo, out, source, "2026-03-02T09:00:00.000Z");
      await expect(exportStore(h.repo, out, source, "2026-03-02T09:00:00.000Z")).rejects.toMatchObject({
        code: "conflict",
      });
    });
  });
}

describe("npm run export", () => {
  it("exports the configured store from the command line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "export-cli-"));
    try {
      const env = { ...process.env, STORAGE: "pglite", DATA_DIR: join(dir, "data"), NODE_ENV: "test" };
      const { stdout } = await run("npx", ["tsx", "src/cli/export.ts", "--out", join(dir, "backup")], { env });
      expect(stdout).toContain("exported 0 records");
      expect(JSON.parse(readFileSync(join(dir, "backup", "manifest.json"), "utf8")).source.backend).toBe("pglite");
      const refused = await run("npx", ["tsx", "src/cli/export.ts", "--out", join(dir, "backup")], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("already exists") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
