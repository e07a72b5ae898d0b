import { parseArgs } from "node:util";
import { formatFinding } from "../services/export-validation/findings.js";
import { validateExport } from "../services/export-validation/validate-export.js";

/** `npm run export:validate -- DIR [--json]`: exits 1 when any finding is an error. */
const { values, positionals } = parseArgs({ options: { json: { type: "boolean" } }, allowPositionals: true });
const dir = positionals[0];
if (!dir) {
  console.error("usage: npm run export:validate -- DIR [--json]");
  process.exit(2);
}
const findings = await validateExport(dir);
if (values.json) console.log(JSON.stringify({ directory: dir, findings }, null, 2));
else {
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(findings.length === 0 ? `${dir}: valid, no findings` : `${dir}: ${findings.length} finding(s)`);
}
process.exit(findings.some((f) => f.severity === "error") ? 1 : 0);
