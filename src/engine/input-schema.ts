import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { ValidationError } from "../domain/errors.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";

/*
 * A graph workflow's `inputSchema` is JSON Schema (draft 2020-12), checked with ajv in strict mode so
 * a misspelt keyword is a content error rather than a silently ignored rule.
 */

// One ajv per schema: ajv keeps every schema it compiled by its `$id`, and a second compile of the
// same `$id` (the check at start-up, then the first run) would be refused.
const compile = (schema: Record<string, unknown>) => new Ajv2020({ allErrors: true, strict: true }).compile(schema);
/** Versions never change, so each version's validator is compiled once per process. */
const compiled = new Map<string, ValidateFunction>();

/** Why `schema` is not a usable JSON Schema, or undefined. */
export function inputSchemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    compile(schema);
    return undefined;
  } catch (error) {
    return `inputSchema is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`;
  }
}

type Issue = { path: string; message: string };

function issuesOf(validate: ValidateFunction, input: Record<string, unknown>): Issue[] {
  if (validate(input)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: `input${e.instancePath.replaceAll("/", ".")}`,
    message: e.message ?? "invalid",
  }));
}

/** What `schema` (a valid one) finds wrong with `input`; not cached, for static checks. */
export function inputIssues(schema: Record<string, unknown>, input: Record<string, unknown>): Issue[] {
  return issuesOf(compile(schema), input);
}

/** What a version's inputSchema finds wrong with a run's input (none without a schema). */
export function runInputIssues(version: WorkflowVersion, input: Record<string, unknown>): Issue[] {
  const schema = version.definition.inputSchema;
  if (!schema) return [];
  let validate = compiled.get(version.workflowVersionId);
  if (!validate) {
    validate = compile(schema);
    compiled.set(version.workflowVersionId, validate);
  }
  return issuesOf(validate, input);
}

/** Checks a run's input against its version's inputSchema: 400 naming each problem. */
export function checkRunInput(version: WorkflowVersion, input: Record<string, unknown>): void {
  const issues = runInputIssues(version, input);
  if (issues.length > 0)
    throw new ValidationError(`the input does not match workflow ${version.workflowId}'s inputSchema`, { issues });
}
