import { stringify } from "yaml";
import { DSL_VERSION, WorkflowDefinition } from "../domain/workflow-definition.js";
import type { DslFormat } from "./dsl-format.js";
import { canonicalValue } from "./schema-order.js";

/**
 * A definition as DSL text: `dslVersion` first, then its fields in schema order, defaults left out
 * (docs/workflow-dsl.md). Equal definitions give equal bytes, and parsing the text gives the definition back.
 */
export function renderDsl(definition: WorkflowDefinition, format: DslFormat): string {
  const canonical = canonicalValue(WorkflowDefinition, { ...definition, dslVersion: DSL_VERSION });
  if (format === "json") return `${JSON.stringify(canonical, null, 2)}\n`;
  return stringify(canonical, { aliasDuplicateObjects: false, lineWidth: 0 });
}
