import type { WorkflowDefinition } from "../domain/workflow-definition.js";
import { transformProblem } from "../transform/apply-transform.js";

type Add = (path: string, message: string) => void;

/** Event triggers: each transform parses, and only a graph workflow (which takes input) has one. */
export function checkTriggers(definition: WorkflowDefinition, add: Add): void {
  definition.triggers?.forEach((trigger, i) => {
    if (!trigger.transform) return;
    const at = `triggers[${i}].transform`;
    if (!definition.steps)
      add(at, "a checklist workflow takes no input; only a workflow with steps can use a transform");
    const problem = transformProblem(trigger.transform);
    if (problem) add(`${at}.expression`, problem);
  });
  if (definition.trigger.type === "event" && definition.triggers)
    add("trigger", "declare event triggers in triggers[] only (trigger: {type: event} is the older single form)");
}
