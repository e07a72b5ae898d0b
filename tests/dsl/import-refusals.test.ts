import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import { exportFromContent } from "../../src/dsl/export-workflow.js";
import { importWorkflow } from "../../src/dsl/import-workflow.js";
import { tempContent } from "./temp-content.js";

/** Every file under workflows/ with its bytes: what "nothing written" is checked against. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(join(dir, "workflows")).map((n) => [n, readFileSync(join(dir, "workflows", n), "utf8")]),
  );

const expenseYaml = async () => {
  const result = await exportFromContent("content", "expense-approval", "yaml");
  if ("error" in result) throw new Error(result.error);
  return result.text;
};

describe("workflow import refuses what content:check would", () => {
  const content = tempContent(true);
  afterAll(() => content.remove());
  const fileIn = (name: string, text: string) => {
    const file = join(content.dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("lists schema problems with their paths and writes nothing", async () => {
    const before = snapshot(content.dir);
    const text = (await expenseYaml())
      .replace("offsetDays: 2", "offsetDays: two")
      .replace("type: expense", "typ: expense");
    const file = fileIn("bad-schema.yaml", text);
    const result = await importWorkflow(content.dir, file);
    expect(result).toEqual({
      problems: expect.arrayContaining([
        expect.objectContaining({ file, path: "tasks[1].offsetDays" }),
        expect.objectContaining({ file, path: "(root)", message: expect.stringMatching(/unknown field\(s\): typ/) }),
      ]),
    });
    expect(snapshot(content.dir)).toEqual(before);
  });

  it("lists workflow, graph, action-config and doc-reference problems and writes nothing", async () => {
    const before = snapshot(content.dir);
    const text = (await expenseYaml())
      .replace("nextStepId: recordDecision", "nextStepId: nowhere")
      .replace("stage: decided", "stage: nowhere")
      .replace("tags:\n  - finance", "tags:\n  - finance\nsourceDocIds:\n  - missing-doc");
    const result = await importWorkflow(content.dir, fileIn("bad-graph.yaml", text));
    expect("problems" in result && result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["sourceDocIds[0]", "steps[1].next[0].nextStepId", "tasks[4].action"]),
    );
    expect(snapshot(content.dir)).toEqual(before);
  });

  it("reports syntax errors at (json) / (yaml)", async () => {
    const json = await importWorkflow(content.dir, fileIn("broken.json", '{"workflowId": '));
    expect(json).toEqual({ problems: [expect.objectContaining({ path: "(json)" })] });
    const yaml = await importWorkflow(content.dir, fileIn("broken.yaml", "workflowId: [a"));
    expect(yaml).toEqual({ problems: [expect.objectContaining({ path: "(yaml)" })] });
  });

  it("refuses dslVersion 2 (and content:check does too), reads a file without one as the current version", async () => {
    const before = snapshot(content.dir);
    const text = (await expenseYaml()).replace("dslVersion: 1", "dslVersion: 2");
    const refused = await importWorkflow(content.dir, fileIn("future.yaml", text));
    expect(refused).toEqual({
      problems: [
        {
          file: join(content.dir, "future.yaml"),
          path: "dslVersion",
          message: "unknown dslVersion 2: this build reads dslVersion 1 (or a file without one)",
        },
      ],
    });
    expect(snapshot(content.dir)).toEqual(before);

    writeFileSync(join(content.dir, "workflows", "expense-approval.yaml"), text);
    const { problems } = await loadContent(content.dir);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "dslVersion: unknown dslVersion 2: this build reads dslVersion 1 (or a file without one)",
    ]);

    const withoutVersion = (await expenseYaml()).replace("dslVersion: 1\n", "");
    const accepted = await importWorkflow(content.dir, fileIn("current.yaml", withoutVersion));
    expect(accepted).toMatchObject({ workflowId: "expense-approval" });
    expect(readFileSync(join(content.dir, "workflows", "expense-approval.yaml"), "utf8")).toBe(await expenseYaml());
  });

  it("refuses to overwrite <workflowId>.yaml when that file defines another workflow", async () => {
    const scratch = tempContent(false);
    try {
      writeFileSync(join(scratch.dir, "workflows", "expense-approval.yaml"), "workflowId: something-else\n");
      const result = await importWorkflow(scratch.dir, fileIn("expense.yaml", await expenseYaml()));
      expect(result).toEqual({
        problems: [expect.objectContaining({ path: "workflowId", message: expect.stringMatching(/does not define/) })],
      });
      expect(snapshot(scratch.dir)).toEqual({ "expense-approval.yaml": "workflowId: something-else\n" });
    } finally {
      scratch.remove();
    }
  });
});
