import { ConflictError, ValidationError } from "../domain/errors.js";
import type { PortableEntity } from "../domain/export-names.js";
import type { Repository } from "../repositories/repository.js";
import { formatFinding } from "./export-validation/findings.js";
import { readEntity, readManifest } from "./export-validation/read-export.js";
import { validateExport } from "./export-validation/validate-export.js";

/** Referenced entities first, so every reference (and DynamoDB's reference checks) finds its target. */
export const IMPORT_ORDER: PortableEntity[] = [
  "users",
  "workflow_versions",
  "recurring_configs",
  "bundles",
  "tasks",
  "task_events",
  "step_executions",
  "run_logs",
  "events",
  "notifications",
  "files",
  "assistant_jobs",
  "artifacts",
  "audit_events",
];
const CHUNK = 200;

export type ImportResult = {
  dryRun: boolean;
  entities: Record<string, { records: number; written: number; existing: number }>;
};

/** Whether the store holds no record of any exported entity. */
export async function isEmpty(repo: Repository): Promise<boolean> {
  for (const entity of IMPORT_ORDER) if ((await repo.exports.list(entity, { limit: 1 })).items.length > 0) return false;
  return true;
}

/**
 * Restores an export into the store through the repository: validated first (any error refuses the
 * whole import), refused on a non-empty store unless `allowNonEmpty`, idempotent (existing IDs are
 * skipped). A dry run validates and counts without writing.
 */
export async function importStore(
  repo: Repository,
  dir: string,
  options: { dryRun?: boolean; allowNonEmpty?: boolean } = {},
): Promise<ImportResult> {
  const findings = (await validateExport(dir)).filter((f) => f.severity === "error");
  if (findings.length > 0) {
    throw new ValidationError(`the export has ${findings.length} error finding(s); run npm run export:validate`, {
      findings: findings.slice(0, 20).map(formatFinding),
    });
  }
  if (!options.allowNonEmpty && !(await isEmpty(repo))) {
    throw new ConflictError(
      "the target store is not empty; pass --allow-non-empty to add to it (existing IDs are skipped)",
    );
  }
  const manifest = readManifest(dir, () => undefined);
  const result: ImportResult = { dryRun: options.dryRun === true, entities: {} };
  if (!manifest) return result;
  for (const entity of IMPORT_ORDER) {
    const totals = { records: 0, written: 0, existing: 0 };
    let chunk: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!options.dryRun && chunk.length > 0) {
        const { written, existing } = await repo.imports.putIfAbsent(entity, chunk);
        totals.written += written;
        totals.existing += existing;
      }
      chunk = [];
    };
    for await (const { record } of readEntity(dir, manifest, entity, () => undefined, false)) {
      totals.records++;
      chunk.push(record);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    result.entities[entity] = totals;
  }
  return result;
}
