import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { WorkflowDefinition } from "../../src/domain/workflow-definition.js";
import { parseDsl } from "../../src/dsl/parse-dsl.js";
import { renderDsl } from "../../src/dsl/render-dsl.js";

/** Written in an odd order, with defaults spelled out and free-form keys unsorted. */
const definition = WorkflowDefinition.parse({
  tasks: [
    {
      offsetDays: 0,
      description: "Check",
      refId: "check",
      tags: [],
      action: { config: { z: 1, a: { y: 2, b: 3 } }, type: "variables.set" },
    },
  ],
  stages: ["preparation", "announced", "after-event", "done"],
  type: "test",
  name: "Order",
  workflowId: "order",
  trigger: { type: "manual" },
  description: "",
  steps: [{ taskId: "check", stepId: "check" }],
  executionLog: { level: "info", retention: "P30D", metadata: [] },
  uiComponents: [
    { priority: 0, componentId: "summary", context: {} },
    { componentId: "late", priority: 3, condition: "status == 'failed'" },
  ],
});

describe("rendering a definition as DSL", () => {
  it("puts dslVersion first, then the schema's order; leaves out what equals its default; sorts free-form keys", () => {
    const text = renderDsl(definition, "json");
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual([
      "dslVersion",
      "workflowId",
      "name",
      "type",
      "tasks",
      "steps",
      "executionLog",
      "uiComponents",
    ]);
    expect(data.tasks).toEqual([
      { refId: "check", description: "Check", action: { type: "variables.set", config: { a: { b: 3, y: 2 }, z: 1 } } },
    ]);
    expect(text.indexOf('"a"')).toBeLessThan(text.indexOf('"z"'));
    expect(text.indexOf('"b"')).toBeLessThan(text.indexOf('"y"'));
    // An optional field without a default stays, even when everything inside it is defaulted.
    expect(data.executionLog).toEqual({});
    expect(data.uiComponents).toEqual([
      { componentId: "summary" },
      { componentId: "late", condition: "status == 'failed'", priority: 3 },
    ]);
  });

  it("keeps a value that differs from its default, and gives the definition back when parsed", () => {
    const changed = WorkflowDefinition.parse({
      ...definition,
      stages: ["draft", "done"],
      trigger: { type: "event", eventPattern: "x.y" },
    });
    for (const format of ["yaml", "json"] as const) {
      const text = renderDsl(changed, format);
      const data = (format === "json" ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
      expect(data).toMatchObject({ stages: ["draft", "done"], trigger: { type: "event", eventPattern: "x.y" } });
      expect(parseDsl(text, format, "t", [])).toEqual(changed);
      expect(renderDsl(changed, format)).toBe(text);
    }
  });
});
