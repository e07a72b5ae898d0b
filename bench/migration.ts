import type { DatabaseHandle } from "../src/db/client.js";
import { PORTABLE_ENTITIES, type PortableEntity } from "../src/domain/export-names.js";
import { migrateDryRun } from "../src/migration/migrate-dry-run.js";
import { decodeCursor, encodeCursor, exportPageLimit, type Page } from "../src/repositories/pagination.js";
import type { Repository } from "../src/repositories/repository.js";
import type { MigrationReport } from "../src/services/copy-store.js";
import { dynamoBench, postgresBench } from "./backends.js";
import { addTasks, createAssignees, datasetShape, seeded } from "./repo-dataset.js";
import { printTable } from "./stats.js";

const SIZE = 50_000;
type Records = Map<PortableEntity, Record<string, unknown>[]>;

/** Every entity read page by page through the repository, nothing written: the source's own ceiling. */
async function readWhole(repo: Repository): Promise<{ records: Records; count: number; seconds: number }> {
  const start = performance.now();
  const records: Records = new Map();
  let count = 0;
  for (const entity of Object.keys(PORTABLE_ENTITIES) as PortableEntity[]) {
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.exports.list(entity, { limit: exportPageLimit(entity), cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    records.set(entity, items);
    count += items.length;
  }
  return { records, count, seconds: (performance.now() - start) / 1000 };
}

/**
 * A source that answers `exports.list` from records already read: a migration from it measures the
 * Postgres side alone (writes, constraints, verification), with no source to wait for.
 */
function inMemorySource(records: Records): Repository {
  const list = async (entity: PortableEntity, page: { limit?: number; cursor?: string }) => {
    const all = records.get(entity) ?? [];
    const from = page.cursor ? decodeCursor(page.cursor, (v): v is number => typeof v === "number") : 0;
    const to = from + (page.limit ?? 50);
    const result: Page<Record<string, unknown>> = {
      items: all.slice(from, to),
      nextCursor: to < all.length ? encodeCursor(to) : null,
    };
    return result;
  };
  return { exports: { list } } as unknown as Repository;
}

async function migrateInto(source: Repository): Promise<{ report: MigrationReport; seconds: number }> {
  const target = postgresBench();
  let handle: DatabaseHandle | undefined;
  try {
    handle = await target.openHandle?.();
    if (!handle) throw new Error("postgres bench backend has no raw handle");
    const start = performance.now();
    const report = await migrateDryRun(source, handle, { commit: false });
    return { report, seconds: (performance.now() - start) / 1000 };
  } finally {
    await handle?.close();
    await target.cleanup?.();
  }
}

function row(source: string, { report, seconds }: { report: MigrationReport; seconds: number }) {
  const moved = report.entities.reduce((sum, entity) => sum + entity.targetCount, 0);
  const t = report.timings ?? { copy: 0, waitingForSource: 0, writingTarget: 0, constraints: 0, verify: 0 };
  return [
    source,
    moved,
    seconds.toFixed(1),
    Math.round(moved / seconds),
    report.passed ? "yes" : `NO ${report.error ?? ""}`,
    t.waitingForSource.toFixed(1),
    t.writingTarget.toFixed(1),
    t.constraints.toFixed(1),
    Math.round(moved / (t.writingTarget + t.constraints)),
    t.verify.toFixed(1),
  ];
}

/**
 * `npm run bench -- migration` (and the end of `-- export`): the dry run from DynamoDB Local into
 * Postgres, and the same records from memory, which leaves the Postgres side alone.
 */
export async function benchMigration(): Promise<void> {
  const source = dynamoBench();
  try {
    const repo = await source.open();
    const shape = datasetShape(SIZE);
    await createAssignees(repo, shape.assignees);
    await addTasks(repo, SIZE, shape, seeded(SIZE));
    const first = await readWhole(repo);
    const fromDynamo = await migrateInto(repo);
    const again = await readWhole(repo);
    await repo.close();
    const fromMemory = await migrateInto(inMemorySource(first.records));
    printTable(
      "Migration dry run into Postgres (copy, constraints back, verify; rolled back)",
      [
        "source",
        "records",
        "seconds",
        "rows/s",
        "verified",
        "waiting for source s",
        "writing Postgres s",
        "constraints s",
        "Postgres rows/s",
        "verify s",
      ],
      [row("DynamoDB Local", fromDynamo), row("records in memory", fromMemory)],
    );
    printTable(
      "The source alone: reading the whole DynamoDB Local store through the repository",
      ["read", "records", "seconds", "records/s"],
      [
        [
          "first (before the migration)",
          first.count,
          first.seconds.toFixed(1),
          Math.round(first.count / first.seconds),
        ],
        ["again (after it)", again.count, again.seconds.toFixed(1), Math.round(again.count / again.seconds)],
      ],
    );
  } finally {
    await source.shutdown?.();
  }
}
