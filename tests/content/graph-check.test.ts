import { describe, expect, it } from "vitest";
import { checkWorkflow } from "../../src/content/check-workflow.js";
import { WorkflowDefinition, type WorkflowDefinitionInput } from "../../src/domain/workflow-definition.js";

const task = (refId: string, extra: Record<string, unknown> = {}) => ({ refId, description: refId, ...extra });
const graph = (over: Partial<WorkflowDefinitionInput>): WorkflowDefinitionInput => ({
  workflowId: "g",
  name: "g",
  type: "t",
  stages: ["draft", "done"],
  tasks: [task("a"), task("b")],
  steps: [
    { stepId: "a", taskId: "a", next: [{ nextStepId: "b" }] },
    { stepId: "b", taskId: "b" },
  ],
  ...over,
});
const problems = (input: WorkflowDefinitionInput) =>
  checkWorkflow(WorkflowDefinition.parse(input), "g.yaml", new Map()).map((p) => `${p.path}: ${p.message}`);

describe("content:check on step graphs", () => {
  it("accepts a sound graph", () => {
    expect(problems(graph({}))).toEqual([]);
  });

  it("names a missing target, an unreachable step and a graph where no path ends", () => {
    expect(
      problems(
        graph({
          steps: [
            { stepId: "a", taskId: "a", next: [{ nextStepId: "zz" }] },
            { stepId: "b", taskId: "b" },
          ],
        }),
      ),
    ).toEqual([
      "steps[0].next[0].nextStepId: unknown step 'zz'",
      "steps[1]: step 'b' cannot be reached from 'a'",
      "steps: no path ends: every reachable step has a next step (add a step without next)",
    ]);
    const loop = graph({
      steps: [
        { stepId: "a", taskId: "a", next: [{ nextStepId: "b" }] },
        { stepId: "b", taskId: "b", next: [{ nextStepId: "a" }] },
      ],
    });
    expect(problems(loop)).toEqual([
      "steps: no path ends: every reachable step has a next step (add a step without next)",
    ]);
  });

  it("refuses a jump across a branch boundary, in either direction", () => {
    const crossing = graph({
      tasks: [task("a"), task("b"), task("c")],
      steps: [
        {
          stepId: "p",
          parallelBranches: [
            {
              branchId: "x",
              steps: [{ stepId: "a", taskId: "a", onFailure: { action: "continue", nextStepId: "c" } }],
            },
            { branchId: "y", steps: [{ stepId: "b", taskId: "b", next: [{ nextStepId: "a" }] }] },
          ],
          next: [{ nextStepId: "c" }],
        },
        { stepId: "c", taskId: "c" },
      ],
    });
    expect(problems(crossing)).toEqual([
      "steps[0].parallelBranches[0].steps[0].onFailure.nextStepId: 'c' is in another branch or level: a jump cannot cross a branch boundary",
      "steps[0].parallelBranches[1].steps[0].next[0].nextStepId: 'a' is in another branch or level: a jump cannot cross a branch boundary",
      "steps[0].parallelBranches[1].steps: no path ends: every reachable step has a next step (add a step without next)",
    ]);
  });

  it("checks step IDs, task references, unused tasks, action configs and the inputSchema", () => {
    const found = problems(
      graph({
        inputSchema: { type: "object", propertees: {} },
        tasks: [
          task("a"),
          task("b", { action: { type: "bundle.set-stage", config: { stage: "review" } } }),
          task("spare"),
        ],
        steps: [
          { stepId: "a", taskId: "a", next: [{ nextStepId: "b" }] },
          { stepId: "b", taskId: "b", next: [{ nextStepId: "c" }] },
          { stepId: "c", taskId: "missing" },
        ],
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^inputSchema: inputSchema is not a valid JSON Schema: .*propertees/),
      "steps[2].taskId: no task with refId 'missing' in this workflow",
      "tasks[1].action: unknown stage 'review' (stages: draft, done)",
      "tasks[2]: task 'spare' is not used by any step (a graph workflow's tasks are made by its steps)",
    ]);
    const twice = graph({
      steps: [
        { stepId: "a", taskId: "a", next: [{ nextStepId: "a2" }] },
        { stepId: "a2", taskId: "b" },
      ],
    });
    expect(problems({ ...twice, steps: [...(twice.steps ?? []), { stepId: "a", taskId: "a" }] })[0]).toMatch(
      /duplicate stepId 'a'/,
    );
  });

  it("refuses a condition that does not parse, as a schema error", () => {
    const parsed = WorkflowDefinition.safeParse(
      graph({
        steps: [
          { stepId: "a", taskId: "a", next: [{ nextStepId: "b", condition: "data.amount >" }] },
          { stepId: "b", taskId: "b" },
        ],
      }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/not a CEL expression/);
  });

  it("refuses an automated task in a checklist, which has no step to run it", () => {
    const { steps: _, ...checklist } = graph({
      tasks: [task("a", { action: { type: "delay", config: { duration: "PT1M" } } })],
    });
    expect(problems(checklist)).toEqual([
      "tasks[0].action: an automated task runs only as a step: add steps or remove the action",
    ]);
  });

  it("counts the workflow-level onFailure's targets as reachable", () => {
    const handled = graph({
      onFailure: { action: "continue", nextStepId: "b" },
      steps: [
        { stepId: "a", taskId: "a" },
        { stepId: "b", taskId: "b" },
      ],
    });
    expect(problems(handled)).toEqual([]);
    expect(problems({ ...handled, onFailure: { action: "continue", nextStepId: "zz" } })).toContain(
      "onFailure.nextStepId: 'zz' is not a top-level step",
    );
  });

  it("limits how many branches one parallel step starts at once, nested ones counted", () => {
    const lanes = (n: number, first: (i: number) => Record<string, unknown>) =>
      Array.from({ length: n }, (_, i) => ({ branchId: `b${i}`, steps: [first(i)] })) as never;
    const wide = (n: number) =>
      graph({
        tasks: [task("a"), task("b")],
        steps: [
          {
            stepId: "p",
            parallelBranches: lanes(n, (i) => ({ stepId: `s${i}`, taskId: "a" })),
            next: [{ nextStepId: "b" }],
          },
          { stepId: "b", taskId: "b" },
        ],
      });
    expect(problems(wide(10))).toEqual([]);
    expect(problems(wide(11))).toEqual([expect.stringMatching(/^steps\[0\]: starts 11 branches at once/)]);
    const nested = graph({
      tasks: [task("a"), task("b")],
      steps: [
        {
          stepId: "p",
          parallelBranches: lanes(2, (i) => ({
            stepId: `q${i}`,
            parallelBranches: lanes(6, (j) => ({ stepId: `s${i}_${j}`, taskId: "a" })),
          })),
          next: [{ nextStepId: "b" }],
        },
        { stepId: "b", taskId: "b" },
      ],
    });
    expect(problems(nested)).toEqual([expect.stringMatching(/starts 12 branches at once/)]);
  });

  it("refuses a schedule on a workflow whose inputSchema refuses the empty input a scheduled run gets", () => {
    const scheduled = graph({
      trigger: { type: "schedule", cron: "0 9 * * 1" },
      inputSchema: { type: "object", properties: { amount: { type: "number" } }, required: ["amount"] },
    });
    expect(problems(scheduled)).toEqual([expect.stringMatching(/^trigger: a scheduled run starts with input \{\}/)]);
    expect(problems({ ...scheduled, inputSchema: { type: "object" } })).toEqual([]);
  });

  it("names the rules of steps, branches and automated tasks", () => {
    const found = problems(
      graph({
        tasks: [
          task("a"),
          task("b", { action: { type: "delay", config: { duration: "PT1M" } }, outcomes: ["x", "y"] }),
        ],
        steps: [
          {
            stepId: "a",
            taskId: "a",
            parallelBranches: [
              { branchId: "same", steps: [{ stepId: "b", taskId: "b" }] },
              { branchId: "same", steps: [{ stepId: "c", taskId: "a" }] },
            ],
          },
        ],
      }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        "steps[0]: a step has a taskId or parallelBranches, not both",
        "steps[0].parallelBranches: duplicate branchId",
        "steps[0].parallelBranches[0].steps[0].taskId: task 'b' is automated; outcomes are for people",
      ]),
    );
    const { steps: _, ...checklist } = graph({ inputSchema: { type: "object" } });
    expect(problems(checklist)).toEqual(["steps: inputSchema and onFailure need steps"]);
  });
});
