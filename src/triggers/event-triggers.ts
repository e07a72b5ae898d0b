import type { EventTrigger, WorkflowDefinition } from "../domain/workflow-definition.js";

/**
 * The event triggers of a definition: its `triggers[]`, and the older single `trigger: {type: event}`
 * read as one trigger without a transform.
 */
export function eventTriggers(definition: WorkflowDefinition): EventTrigger[] {
  const triggers = [...(definition.triggers ?? [])];
  if (definition.trigger.type === "event") triggers.push({ eventPattern: definition.trigger.eventPattern });
  return triggers;
}
