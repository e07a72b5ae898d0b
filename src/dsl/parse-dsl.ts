import { parse } from "yaml";
import type { ContentProblem } from "../content/content-problem.js";
import { fieldIssues } from "../domain/validation-issues.js";
import { DSL_VERSION, WorkflowDefinition, withoutDslVersion } from "../domain/workflow-definition.js";
import type { DslFormat } from "./dsl-format.js";

/** The data in DSL text, or a problem at `(yaml)` / `(json)` naming the syntax error. */
function parseText(
  text: string,
  format: DslFormat,
  file: string,
  problems: ContentProblem[],
): { data: unknown } | null {
  try {
    return { data: format === "json" ? JSON.parse(text) : parse(text) };
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] || `invalid ${format.toUpperCase()}`;
    problems.push({ file, path: `(${format})`, message });
    return null;
  }
}

/**
 * A definition from parsed DSL data: a `dslVersion` this build knows (absent means the current one),
 * then the schema. `dslVersion` describes the file, not the workflow, so it is left out of the result.
 */
export function readDefinition(data: unknown, file: string, problems: ContentProblem[]): WorkflowDefinition | null {
  const dslVersion =
    typeof data === "object" && data !== null ? (data as { dslVersion?: unknown }).dslVersion : undefined;
  if (dslVersion !== undefined && dslVersion !== DSL_VERSION) {
    const message = `unknown dslVersion ${JSON.stringify(dslVersion)}: this build reads dslVersion ${DSL_VERSION} (or a file without one)`;
    problems.push({ file, path: "dslVersion", message });
    return null;
  }
  const parsed = WorkflowDefinition.safeParse(data);
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) problems.push({ file, ...issue });
    return null;
  }
  return withoutDslVersion(parsed.data);
}

/** DSL text (YAML or JSON) as a schema-valid definition, or null with its problems added. */
export function parseDsl(
  text: string,
  format: DslFormat,
  file: string,
  problems: ContentProblem[],
): WorkflowDefinition | null {
  const parsed = parseText(text, format, file, problems);
  return parsed ? readDefinition(parsed.data, file, problems) : null;
}
