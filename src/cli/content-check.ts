import { loadConfig } from "../config.js";
import { formatProblem } from "../content/content-problem.js";
import { loadContent } from "../content/load-content.js";

/** `npm run content:check [-- DIR]`: validates every definition; exits 1 listing each problem. */
const contentDir = process.argv[2] ?? loadConfig().contentDir;
const { catalog, problems } = await loadContent(contentDir);
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`content check failed: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`content check passed: ${catalog.workflows.size} workflow(s), ${catalog.docs.size} doc(s)`);
