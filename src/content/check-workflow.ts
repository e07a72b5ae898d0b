import type { WorkflowDefinition } from "../domain/workflow-definition.js";
import { checkGraph } from "./check-graph.js";
import { checkTriggers } from "./check-triggers.js";
import type { ContentProblem } from "./content-problem.js";
import type { DocRegistry } from "./doc-registry.js";

/** The rules a schema alone cannot express: references between parts of a definition and to docs. */
export function checkWorkflow(definition: WorkflowDefinition, file: string, docs: DocRegistry): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ file, path, message });
  const stages = new Set(definition.stages);
  const phases = new Set(definition.phases.map((phase) => phase.id));
  const links = new Set(definition.requiredLinks.map((link) => link.name));
  const checkDoc = (path: string, docId: string) => {
    if (!docs.has(docId)) add(path, `unknown doc id '${docId}' (no content/docs/*.md has that frontmatter id)`);
  };

  if (!definition.stages.includes("done")) add("stages", "the stages must include 'done'");
  for (const id of duplicates(definition.phases.map((p) => p.id))) add("phases", `duplicate phase id '${id}'`);
  definition.phases.forEach((phase, i) => {
    if (!stages.has(phase.stage)) add(`phases[${i}].stage`, `unknown stage '${phase.stage}'`);
  });
  for (const n of duplicates(definition.requiredLinks.map((l) => l.name)))
    add("requiredLinks", `duplicate link '${n}'`);
  definition.sourceDocIds.forEach((id, i) => {
    checkDoc(`sourceDocIds[${i}]`, id);
  });
  for (const id of duplicates(definition.tasks.map((t) => t.refId))) add("tasks", `duplicate task refId '${id}'`);

  definition.tasks.forEach((task, i) => {
    const at = `tasks[${i}]`;
    if (task.stageOnComplete && !stages.has(task.stageOnComplete)) {
      add(`${at}.stageOnComplete`, `unknown stage '${task.stageOnComplete}' (stages: ${definition.stages.join(", ")})`);
    }
    if (task.phase && !phases.has(task.phase)) add(`${at}.phase`, `unknown phase '${task.phase}'`);
    if (task.requiredLinkName && !links.has(task.requiredLinkName)) {
      add(`${at}.requiredLinkName`, `link '${task.requiredLinkName}' is not declared in requiredLinks`);
    }
    task.validation?.requiredBundleLinks?.forEach((name, j) => {
      if (!links.has(name))
        add(`${at}.validation.requiredBundleLinks[${j}]`, `link '${name}' is not declared in requiredLinks`);
    });
    task.sourceDocIds.forEach((id, j) => {
      checkDoc(`${at}.sourceDocIds[${j}]`, id);
    });
    if (task.instructionDocId) {
      checkDoc(`${at}.instructionDocId`, task.instructionDocId);
      const doc = docs.get(task.instructionDocId);
      if (doc && task.instructionStepId && !doc.steps.some((step) => step.id === task.instructionStepId)) {
        add(`${at}.instructionStepId`, `doc '${doc.id}' has no step '${task.instructionStepId}'`);
      }
    } else if (task.instructionStepId) {
      add(`${at}.instructionStepId`, "instructionStepId needs an instructionDocId");
    }
  });
  checkGraph(definition, add);
  checkTriggers(definition, add);
  return problems;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((value) => seen.has(value) || !seen.add(value)))];
}
