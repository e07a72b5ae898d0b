import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { isDslFormat } from "../dsl/dsl-format.js";
import { type ExportResult, exportFromContent, exportPublished } from "../dsl/export-workflow.js";
import { openRepository } from "../repositories/open-repository.js";

/**
 * `npm run workflow:export -- <workflowId> [--version N] [--format yaml|json] [--content DIR]`: the
 * workflow as DSL text on stdout; from content/ as it is now, or a published version from the store.
 */
const USAGE = "usage: npm run workflow:export -- <workflowId> [--version N] [--format yaml|json] [--content DIR]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { version: { type: "string" }, format: { type: "string", default: "yaml" }, content: { type: "string" } },
});
const [workflowId] = positionals;
const version = values.version === undefined ? undefined : Number(values.version);
if (
  !workflowId ||
  positionals.length > 1 ||
  !isDslFormat(values.format) ||
  (version !== undefined && !(Number.isInteger(version) && version >= 1))
) {
  console.error(USAGE);
  process.exit(2);
}
try {
  const config = loadConfig();
  let result: ExportResult;
  if (version === undefined)
    result = await exportFromContent(values.content ?? config.contentDir, workflowId, values.format);
  else {
    const repo = await openRepository(config);
    try {
      result = await exportPublished(repo.workflowVersions, workflowId, version, values.format);
    } finally {
      await repo.close();
    }
  }
  if ("error" in result) {
    console.error(result.error);
    process.exit(1);
  }
  process.stdout.write(result.text);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
}
