import { eq } from "drizzle-orm";
import { ChangedMeanwhileError } from "../../domain/errors.js";
import type { Unchanged } from "../repository.js";
import { column } from "./row-mapping.js";
import { SPECS, type SpecName } from "./table-specs.js";
import type { Executor } from "./versioned-write.js";

/**
 * The order rows are locked in: tasks before their bundle, as every unguarded task write updates
 * them, then artifacts; within an entity, by ID.
 */
const LOCK_RANK: Partial<Record<SpecName, number>> = { user: 0, task: 1, file: 2, bundle: 3, artifact: 4 };
const rank = (entity: SpecName) => LOCK_RANK[entity] ?? 9;

/**
 * Locks the records a transaction writes and the `unchanged` records it relied on, all in one order
 * (LOCK_RANK, then ID), so two such writes queue instead of deadlocking; then compares each relied-on
 * version. Runs first in the transaction; without `unchanged` it does nothing.
 */
export async function holdUnchanged(
  tx: Executor,
  written: readonly { entity: SpecName; id: string }[],
  unchanged: readonly Unchanged[] = [],
): Promise<void> {
  if (unchanged.length === 0) return;
  const rows: { entity: SpecName; id: string; relied?: true; version?: number }[] = [
    ...written,
    ...unchanged.map((guard) => ({ ...guard, relied: true as const })),
  ];
  rows.sort((a, b) => rank(a.entity) - rank(b.entity) || compare(a.entity, b.entity) || compare(a.id, b.id));
  for (const row of rows) {
    const spec = SPECS[row.entity];
    // Files have no version column: for them the locked row only has to exist.
    const idColumn = column(spec, spec.idField);
    const found = await tx
      .select(row.version === undefined ? { id: idColumn } : { id: idColumn, version: column(spec, "version") })
      .from(spec.table)
      .where(eq(idColumn, row.id))
      .for("update");
    const current = found[0] as { version?: number } | undefined;
    if (row.relied && (!current || (row.version !== undefined && current.version !== row.version))) {
      throw new ChangedMeanwhileError(row.entity, row.id);
    }
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
