import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { openPglite } from "../src/db/client.js";
import { createDrizzleRepository } from "../src/repositories/drizzle/drizzle-repository.js";
import { postgresBench } from "./backends.js";
import { benchMigration } from "./migration.js";
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
  await createAssignees(repo, shape.assignees);
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
