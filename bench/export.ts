import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openPglite } from "../src/db/client.js";
import { PORTABLE_ENTITIES, type PortableEntity } from "../src/domain/export-names.js";
import { createDrizzleRepository } from "../src/repositories/drizzle/drizzle-repository.js";
import { exportPageLimit } from "../src/repositories/pagination.js";
import type { Repository } from "../src/repositories/repository.js";
import { migrateDryRun } from "../src/services/migrate-dry-run.js";
import { dynamoBench, postgresBench } from "./backends.js";
import { addTasks, createAssignees, datasetShape, seeded } from "./repo-dataset.js";
import { printTable } from "./stats.js";

const run = promisify(execFile);
const SIZES = [10_000, 100_000, 1_000_000];

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("ANALYZE").finally(() => client.end());
}

/** Loads `size` records: tasks in 500-task bundles (one bundle row per 500 tasks, plus 5-50 users). */
async function load(repo: Parameters<typeof addTasks>[0], size: number) {
  const shape = datasetShape(size);
  await createAssignees(repo, shape);
  await addTasks(repo, size, shape, seeded(size));
}

async function exportInChild(
  kind: string,
  location: string,
): Promise<{ records: number; seconds: number; maxRssMb: number }> {
  const out = join(mkdtempSync(join(tmpdir(), "bench-export-")), "out");
  try {
    const { stdout } = await run(
      "npx",
      ["tsx", "--max-old-space-size=256", "bench/export-child.ts", kind, location, out],
      {
        maxBuffer: 1024 * 1024,
      },
    );
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
  } finally {
    rmSync(join(out, ".."), { recursive: true, force: true });
  }
}

/** `npm run bench -- export`: export records/s and peak RSS at 10k/100k/1M, and migration rows/s. */
export async function benchExport(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const kind of ["pglite", "postgres"] as const) {
    for (const size of SIZES) {
      let location: string;
      let cleanup: () => Promise<void>;
      if (kind === "pglite") {
        location = mkdtempSync(join(tmpdir(), "bench-export-pglite-"));
        const handle = await openPglite({ dataDir: location });
        const repo = createDrizzleRepository(handle);
        await load(repo, size);
        await repo.close();
        const dir = location;
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const backend = postgresBench();
        const repo = await backend.open();
        await load(repo, size);
        await repo.close();
        location = backend.url?.() ?? "";
        await analyze(location); // what autovacuum does to a live database soon after a bulk load
        cleanup = async () => backend.cleanup?.();
      }
      const result = await exportInChild(kind, location);
      console.error(`${kind}: exported ${result.records} records in ${result.seconds.toFixed(1)} s`);
      rows.push([kind, size, result.records, Math.round(result.records / result.seconds), result.maxRssMb.toFixed(0)]);
      await cleanup();
    }
  }
  printTable(
    "Export (child process per run; peak RSS is the child's)",
    ["backend", "tasks loaded", "records exported", "records/s", "peak RSS MB"],
    rows,
  );
  await benchMigration();
}

/** Every entity read page by page, nothing written: the ceiling the source sets on a migration. */
async function readWhole(repo: Repository): Promise<{ records: number; seconds: number }> {
  const start = performance.now();
  let records = 0;
  for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
    let cursor: string | undefined;
    do {
      const page = await repo.exports.list(entity, { limit: exportPageLimit(entity), cursor });
      records += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { records, seconds: (performance.now() - start) / 1000 };
}

async function benchMigration(): Promise<void> {
  const size = 50_000;
  const source = dynamoBench();
  const target = postgresBench();
  try {
    const repo = await source.open();
    await load(repo, size);
    const handle = await target.openHandle?.();
    if (!handle) throw new Error("postgres bench backend has no raw handle");
    const start = performance.now();
    const report = await migrateDryRun(repo, handle, { commit: false });
    const seconds = (performance.now() - start) / 1000;
    const moved = report.entities.reduce((sum, row) => sum + row.targetCount, 0);
    await handle.close();
    const t = report.timings ?? { copy: 0, waitingForSource: 0, writingTarget: 0, verify: 0 };
    const readAlone = await readWhole(repo);
    await repo.close();
    printTable(
      "Migration dry run, DynamoDB Local -> Postgres (copy + verify, rolled back)",
      [
        "records",
        "seconds",
        "rows/s",
        "verified",
        "copy s",
        "waiting for source s",
        "writing Postgres s",
        "Postgres rows/s",
        "verify s",
      ],
      [
        [
          moved,
          seconds.toFixed(1),
          Math.round(moved / seconds),
          report.passed ? "yes" : `NO ${report.error ?? ""}`,
          t.copy.toFixed(1),
          t.waitingForSource.toFixed(1),
          t.writingTarget.toFixed(1),
          Math.round(moved / t.writingTarget),
          t.verify.toFixed(1),
        ],
      ],
    );
    printTable(
      "The source alone: reading the whole DynamoDB Local store through the repository",
      ["records", "seconds", "records/s"],
      [[readAlone.records, readAlone.seconds.toFixed(1), Math.round(readAlone.records / readAlone.seconds)]],
    );
  } finally {
    await target.cleanup?.();
    await source.shutdown?.();
  }
}
