import { z } from "zod";
import { ACTIONS } from "./registry.js";

/**
 * docs/workflow-actions.md, rendered from the registry: each action's description, whether a request
 * may run it inline, its config as JSON Schema (from its zod schema) and an example. `npm run
 * docs:actions` writes it; a test fails when the file and the registry disagree.
 */
export function renderActionsDoc(): string {
  const lines = [
    "# Workflow actions",
    "",
    "<!-- Generated from src/engine/actions/registry.ts by `npm run docs:actions`; do not edit by hand. -->",
    "",
    "An automated task names one of these in `action: {type, config}`. `content:check` validates the",
    "config against the action's schema; the engine checks it again before each run. Every delivery of",
    "one attempt gets the same idempotency key (the attempt's stepExecutionId), and the records an action",
    "makes are written in the same atomic write as its step's completion, so they exist exactly once.",
    "Actions that reach outside this store run only in a worker, after the transition that started the",
    "attempt is written; what they do outside happens at least once (a worker that dies mid-attempt",
    "leaves it to be delivered again), so they hand the idempotency key on for the other side to dedupe.",
    "",
    "| type | runs inside a request | summary |",
    "|---|---|---|",
    ...ACTIONS.map(
      (a) =>
        `| \`${a.type}\` | ${a.inline ? "yes" : "no (worker only)"} | ${a.description.split(". ")[0]?.replace(/\.$/, "")}. |`,
    ),
    "",
  ];
  for (const action of ACTIONS) {
    const schema = z.toJSONSchema(action.config as z.ZodType, { io: "input", unrepresentable: "any" });
    delete (schema as Record<string, unknown>).$schema;
    lines.push(
      `## \`${action.type}\``,
      "",
      action.description,
      "",
      "Config (JSON Schema):",
      "",
      "```json",
      JSON.stringify(schema, null, 2),
      "```",
      "",
      "Example:",
      "",
      "```yaml",
      `action: { type: ${action.type}, config: ${JSON.stringify(action.example)} }`,
      "```",
      "",
    );
  }
  return lines.join("\n");
}
