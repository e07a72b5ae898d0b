import { createHash } from "node:crypto";
import { ConflictError } from "../domain/errors.js";
import type { PortableEntity } from "../domain/export-names.js";
import { portableText } from "../domain/portable-record.js";
import { exportPageLimit } from "../repositories/pagination.js";
import type { Repository } from "../repositories/repository.js";
import { portablePages } from "./export-store.js";
import { IMPORT_ORDER, isEmpty } from "./import-store.js";

export type MigrationRow = {
  entity: PortableEntity;
  sourceCount: number;
  targetCount: number;
  sourceChecksum: string;
  targetChecksum: string;
  checksumMatch: boolean;
  problems: string[];
};
/**
 * Where the time went, in seconds. The copy includes putting the constraints back; reads and writes
 * overlap, so the waits add up to less than the copy.
 */
export type MigrationTimings = {
  copy: number;
  waitingForSource: number;
  writingTarget: number;
  constraints: number;
  verify: number;
};
export type MigrationReport = {
  passed: boolean;
  committed: boolean;
  entities: MigrationRow[];
  timings?: MigrationTimings;
  error?: string;
};

/**
 * How the target takes a bulk copy: sets its constraints aside and returns how to put them back.
 * Putting them back checks every row, so a broken reference fails there, before anything is verified.
 */
export type SetAsideConstraints = () => Promise<() => Promise<void>>;

const since = (start: number) => (performance.now() - start) / 1000;

async function canonical(repo: Repository, entity: PortableEntity): Promise<{ count: number; checksum: string }> {
  const hash = createHash("sha256");
  let count = 0;
  for await (const page of portablePages(repo, entity)) {
    hash.update(page.text);
    count += page.count;
  }
  return { count, checksum: `sha256:${hash.digest("hex")}` };
}

/**
 * Copies one entity, hashing the source's canonical export text on the way: the source is read once,
 * one page ahead of the writes.
 */
async function copy(
  source: Repository,
  target: Repository,
  entity: PortableEntity,
  timings: MigrationTimings,
): Promise<{ count: number; checksum: string }> {
  const hash = createHash("sha256");
  let count = 0;
  const read = (cursor?: string) => {
    const page = source.exports.list(entity, { limit: exportPageLimit(entity), cursor });
    page.catch(() => undefined); // awaited below; a failed read-ahead must not go unhandled meanwhile
    return page;
  };
  let next: ReturnType<typeof read> | undefined = read();
  while (next) {
    const waited = performance.now();
    const page: Awaited<typeof next> = await next;
    timings.waitingForSource += since(waited);
    // Read the next page while this one is written: the source and the target work at once.
    next = page.nextCursor ? read(page.nextCursor) : undefined;
    hash.update(portableText(entity, page.items));
    count += page.items.length;
    const writing = performance.now();
    await target.imports.putIfAbsent(entity, page.items);
    timings.writingTarget += since(writing);
  }
  return { count, checksum: `sha256:${hash.digest("hex")}` };
}

/**
 * Copies every entity from `source` into the empty `target` through the repository interface, then
 * compares counts and the canonical export checksum of each entity on both sides. The caller holds
 * the target in one transaction and commits it only when the report says `committed`.
 */
export async function copyStore(
  source: Repository,
  target: Repository,
  options: { commit: boolean; setAsideConstraints: SetAsideConstraints },
): Promise<MigrationReport> {
  if (!(await isEmpty(target))) throw new ConflictError("the target database is not empty; migrate into an empty one");
  const timings: MigrationTimings = { copy: 0, waitingForSource: 0, writingTarget: 0, constraints: 0, verify: 0 };
  const copying = performance.now();
  const restoreConstraints = await options.setAsideConstraints();
  const copied = new Map<PortableEntity, { count: number; checksum: string }>();
  for (const entity of IMPORT_ORDER) copied.set(entity, await copy(source, target, entity, timings));
  const restoring = performance.now();
  await restoreConstraints(); // every foreign key checks every row here, before anything is verified or committed
  timings.constraints = since(restoring);
  timings.copy = since(copying);
  const verifying = performance.now();
  const entities: MigrationRow[] = [];
  for (const entity of IMPORT_ORDER) {
    const from = copied.get(entity) ?? { count: 0, checksum: "" };
    const to = await canonical(target, entity);
    const problems = [
      ...(from.count !== to.count ? [`${to.count} of ${from.count} records arrived`] : []),
      ...(from.checksum !== to.checksum ? ["the canonical exports differ"] : []),
    ];
    entities.push({
      entity,
      sourceCount: from.count,
      targetCount: to.count,
      sourceChecksum: from.checksum,
      targetChecksum: to.checksum,
      checksumMatch: from.checksum === to.checksum,
      problems,
    });
  }
  timings.verify = since(verifying);
  const passed = entities.every((row) => row.problems.length === 0);
  return { passed, committed: options.commit && passed, entities, timings };
}
