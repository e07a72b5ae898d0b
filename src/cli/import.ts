import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { DomainError } from "../domain/errors.js";
import { openRepository } from "../repositories/open-repository.js";
import { importStore } from "../services/import-store.js";

/** `npm run import -- --in DIR [--dry-run] [--allow-non-empty]`: restore an export into the configured store. */
const { values } = parseArgs({
  options: { in: { type: "string" }, "dry-run": { type: "boolean" }, "allow-non-empty": { type: "boolean" } },
});
if (!values.in) {
  console.error("usage: npm run import -- --in DIR [--dry-run] [--allow-non-empty]");
  process.exit(2);
}
try {
  const repo = await openRepository(loadConfig());
  try {
    const result = await importStore(repo, values.in, {
      dryRun: values["dry-run"],
      allowNonEmpty: values["allow-non-empty"],
    });
    console.log(result.dryRun ? `dry run: nothing written; ${values.in} is valid` : `imported ${values.in}`);
    for (const [entity, t] of Object.entries(result.entities)) {
      console.log(
        result.dryRun
          ? `  ${entity}: ${t.records} record(s) to import`
          : `  ${entity}: ${t.written} written, ${t.existing} already there`,
      );
    }
  } finally {
    await repo.close();
  }
} catch (error) {
  if (error instanceof DomainError) {
    console.error(error.message);
    for (const line of (error.details.findings as string[] | undefined) ?? []) console.error(`  ${line}`);
  } else console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
