import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { ValidationError } from "../domain/errors.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";

/*
 * A graph workflow's `inputSchema` is JSON Schema (draft 2020-12), checked with ajv in strict mode so
 * a misspelt keyword is a content error rather than a silently ignored rule.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true });
const compiled = new Map<string, ValidateFunction>();

/** Why `schema` is not a usable JSON Schema, or undefined. */
export function inputSchemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    return `inputSchema is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Checks a run's input against its version's inputSchema: 400 naming each problem. */
export function checkRunInput(version: WorkflowVersion, input: Record<string, unknown>): void {
  const schema = version.definition.inputSchema;
  if (!schema) return;
  let validate = compiled.get(version.workflowVersionId);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(version.workflowVersionId, validate);
  }
  if (validate(input)) return;
  const issues = (validate.errors ?? []).map((e) => ({
    path: `input${e.instancePath.replaceAll("/", ".")}`,
    message: e.message ?? "invalid",
  }));
  throw new ValidationError(`the input does not match workflow ${version.workflowId}'s inputSchema`, { issues });
}
