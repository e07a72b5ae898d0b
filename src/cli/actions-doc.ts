import { writeFileSync } from "node:fs";
import { renderActionsDoc } from "../engine/actions/actions-doc.js";

/** `npm run docs:actions`: writes docs/workflow-actions.md from the action registry. */
writeFileSync("docs/workflow-actions.md", renderActionsDoc());
console.log("wrote docs/workflow-actions.md");
