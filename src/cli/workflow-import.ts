import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { formatProblem } from "../content/content-problem.js";
import { importWorkflow } from "../dsl/import-workflow.js";

/**
 * `npm run workflow:import -- FILE [--content DIR]`: checks a YAML or JSON DSL file as content:check
 * does and writes it into content/workflows/; on any problem, lists them, writes nothing, exits 1.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { content: { type: "string" } } });
const [file] = positionals;
if (!file || positionals.length > 1) {
  console.error("usage: npm run workflow:import -- FILE [--content DIR]");
  process.exit(2);
}
try {
  const result = await importWorkflow(values.content ?? loadConfig().contentDir, file);
  if ("problems" in result) {
    for (const problem of result.problems) console.error(formatProblem(problem));
    console.error(`import refused: ${result.problems.length} problem(s); nothing written`);
    process.exit(1);
  }
  console.log(`imported '${result.workflowId}' into ${result.written}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
}
