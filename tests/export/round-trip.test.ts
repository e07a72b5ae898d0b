import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repository } from "../../src/repositories/repository.js";
import { exportStore } from "../../src/services/export-store.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import { importStore } from "../../src/services/import-store.js";
import { type Harness, startHarness } from "../http/harness.js";
import { dynamoBackend, postgresBackend } from "../support/backends.js";
import { seedSampleWork } from "./sample-work.js";

const source = { backend: "dynamodb", environment: "test", gitSha: "x" };

/** Every file of an export but the manifest's generated_at, source and own checksum. */
function comparable(dir: string) {
  const files = Object.fromEntries(
    readdirSync(dir)
      .filter((n) => n !== "manifest.json")
      .map((n) => [n, readFileSync(join(dir, n), "utf8")]),
  );
  const {
    generated_at: _g,
    source: _s,
    manifest_checksum: _c,
    ...manifest
  } = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  return { files, manifest };
}

describe("round trip: DynamoDB -> export -> Postgres -> export", () => {
  let h: Harness;
  let target: Repository;
  let scratch: string;
  let sessionIds: string[];
  beforeAll(async () => {
    h = await startHarness(dynamoBackend);
    target = await postgresBackend.open();
    scratch = mkdtempSync(join(tmpdir(), "round-trip-"));
    ({ sessionIds } = await seedSampleWork(h));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await target.close();
    await h.close();
  });

  it("exports, validates clean, imports into an empty Postgres, and exports the same again", async () => {
    const first = join(scratch, "from-dynamo");
    await exportStore(h.repo, first, source, "2026-03-02T09:00:00.000Z");
    expect(await validateExport(first)).toEqual([]);

    const dry = await importStore(target, first, { dryRun: true });
    expect(dry.entities.tasks).toEqual({ records: 14, written: 0, existing: 0 });
    expect(dry.entities.step_executions).toEqual({ records: 3, written: 0, existing: 0 });
    expect(dry.entities.run_logs).toEqual({ records: 4, written: 0, existing: 0 });
    expect(dry.entities.events).toEqual({ records: 3, written: 0, existing: 0 });
    expect((await target.exports.list("tasks", { limit: 1 })).items).toEqual([]);

    const imported = await importStore(target, first);
    expect(imported.entities.tasks).toEqual({ records: 14, written: 14, existing: 0 });
    expect(imported.entities.step_executions).toEqual({ records: 3, written: 3, existing: 0 });
    expect(imported.entities.run_logs).toEqual({ records: 4, written: 4, existing: 0 });
    expect(imported.entities.events).toEqual({ records: 3, written: 3, existing: 0 });
    // Sessions stay behind (people sign in again); their audit events travel like any other.
    const audit = readFileSync(join(first, "audit_events.jsonl"), "utf8").split("\n").filter(Boolean);
    const sessionAudit = audit.map((l) => JSON.parse(l)).filter((e) => e.entity_type === "session");
    expect(sessionAudit.map((e) => e.entity_id).sort()).toEqual([...sessionIds, sessionIds[0]].sort());
    for (const sessionId of sessionIds) {
      expect(await target.sessions.get(sessionId)).toBeUndefined();
      expect((await target.auditEvents.listByEntity("session", sessionId, {})).items).toEqual(
        (await h.repo.auditEvents.listByEntity("session", sessionId, {})).items,
      );
    }
    const second = join(scratch, "from-postgres");
    await exportStore(target, second, { ...source, backend: "postgres" }, "2026-03-02T10:00:00.000Z");
    expect(comparable(second)).toEqual(comparable(first));

    await expect(importStore(target, first)).rejects.toMatchObject({ code: "conflict" });
    const again = await importStore(target, first, { allowNonEmpty: true });
    expect(Object.values(again.entities).every((t) => t.written === 0 && t.existing === t.records)).toBe(true);
    const third = join(scratch, "after-reimport");
    await exportStore(target, third, source, "2026-03-02T11:00:00.000Z");
    expect(comparable(third)).toEqual(comparable(first));
  });

  it("refuses an export that does not validate, and writes nothing", async () => {
    const empty = await postgresBackend.open();
    try {
      const broken = join(scratch, "broken");
      await exportStore(h.repo, broken, source, "2026-03-02T09:00:00.000Z");
      const tasks = join(broken, "tasks.jsonl");
      const text = readFileSync(tasks, "utf8");
      writeFileSync(tasks, text.replace('"status":"todo"', '"status":"finished"'));
      await expect(importStore(empty, broken)).rejects.toMatchObject({ code: "validation_failed" });
      expect((await empty.exports.list("users", { limit: 1 })).items).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
