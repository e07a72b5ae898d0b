import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WorkflowDefinition } from "../../src/domain/workflow-definition.js";
import { renderActionsDoc } from "../../src/engine/actions/actions-doc.js";
import { ACTIONS, actionProblems } from "../../src/engine/actions/registry.js";

describe("the action registry", () => {
  it("is what docs/workflow-actions.md says (run npm run docs:actions after changing an action)", () => {
    expect(readFileSync("docs/workflow-actions.md", "utf8")).toBe(renderActionsDoc());
  });

  it("has the core actions, each with an example its own schema accepts", () => {
    expect(ACTIONS.map((a) => a.type)).toEqual([
      "variables.set",
      "delay",
      "task.create",
      "notification.create",
      "bundle.set-stage",
      "http.request",
      "email.send",
      "event.emit",
      "event.wait",
      "assistant-job.create",
    ]);
    for (const action of ACTIONS) expect(action.config.safeParse(action.example).success, action.type).toBe(true);
  });

  it("refuses unknown types, bad configs and stages the workflow lacks", () => {
    const definition = WorkflowDefinition.parse({
      workflowId: "w",
      name: "w",
      type: "t",
      stages: ["draft", "done"],
      tasks: [{ refId: "a", description: "a" }],
    });
    expect(actionProblems({ type: "mail.send", config: {} }, definition)[0]).toMatch(/unknown action type 'mail.send'/);
    expect(actionProblems({ type: "delay", config: { duration: "soon" } }, definition)[0]).toMatch(/config.duration/);
    expect(actionProblems({ type: "bundle.set-stage", config: { stage: "review" } }, definition)).toEqual([
      "unknown stage 'review' (stages: draft, done)",
    ]);
    expect(actionProblems({ type: "variables.set", config: {} }, definition)[0]).toMatch(/at least one/);
    expect(actionProblems({ type: "variables.set", config: { expressions: { x: "1 +" } } }, definition)[0]).toMatch(
      /CEL/,
    );
  });
});
