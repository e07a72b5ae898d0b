import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { canonicalJson } from "../../src/domain/canonical-json.js";
import { DSL_FORMATS } from "../../src/dsl/dsl-format.js";
import { exportFromContent } from "../../src/dsl/export-workflow.js";
import { importWorkflow } from "../../src/dsl/import-workflow.js";
import { parseDsl } from "../../src/dsl/parse-dsl.js";
import { loadCatalog } from "../support/test-ctx.js";
import { tempContent } from "./temp-content.js";

/** Every workflowId in content/workflows/, read from the files themselves, so a new file is covered too. */
const WORKFLOW_IDS = readdirSync("content/workflows")
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => (parse(readFileSync(join("content/workflows", name), "utf8")) as { workflowId: string }).workflowId)
  .sort();

const exported = async (dir: string, workflowId: string, format: "yaml" | "json") => {
  const result = await exportFromContent(dir, workflowId, format);
  if ("error" in result) throw new Error(result.error);
  return result.text;
};

describe("the workflow DSL round trip", () => {
  const scratch = tempContent(false);
  afterAll(() => scratch.remove());

  it("covers every workflow in content/", () => {
    expect(WORKFLOW_IDS).toHaveLength(readdirSync("content/workflows").length);
    expect(WORKFLOW_IDS.length).toBeGreaterThanOrEqual(5);
  });

  for (const workflowId of WORKFLOW_IDS) {
    for (const format of DSL_FORMATS) {
      it(`${workflowId} (${format}): parse(export(d)) equals d; export, import, export gives the same bytes`, async () => {
        const definition = (await loadCatalog()).workflows.get(workflowId)?.definition;
        const first = await exported("content", workflowId, format);
        expect(first.startsWith(format === "json" ? '{\n  "dslVersion": 1,' : "dslVersion: 1\n")).toBe(true);
        const problems: never[] = [];
        const parsed = parseDsl(first, format, "exported", problems);
        expect(problems).toEqual([]);
        expect(parsed).toEqual(definition);
        expect(canonicalJson(parsed)).toBe(canonicalJson(definition));

        const file = join(scratch.dir, `${workflowId}.export.${format}`);
        writeFileSync(file, first);
        const imported = await importWorkflow(scratch.dir, file);
        expect(imported).toEqual({ written: join(scratch.dir, "workflows", `${workflowId}.yaml`), workflowId });
        const written = readFileSync(join(scratch.dir, "workflows", `${workflowId}.yaml`), "utf8");
        expect(written.startsWith("dslVersion: 1\n")).toBe(true);
        expect(await exported(scratch.dir, workflowId, format)).toBe(first);
      });
    }
  }

  it("writes into the file that already defines the workflow, whatever its name", async () => {
    const content = tempContent(true);
    try {
      const workflows = join(content.dir, "workflows");
      renameSync(join(workflows, "tax-report.yaml"), join(workflows, "quarterly.yaml"));
      const file = join(content.dir, "tax.json");
      writeFileSync(file, await exported("content", "tax-report", "json"));
      expect(await importWorkflow(content.dir, file)).toMatchObject({ written: join(workflows, "quarterly.yaml") });
      expect(readdirSync(workflows).sort()).toEqual(
        ["expense-approval", "newsletter-issue", "podcast-episode", "publishing-pipeline", "quarterly"].map(
          (name) => `${name}.yaml`,
        ),
      );
      expect(readFileSync(join(workflows, "quarterly.yaml"), "utf8")).toBe(
        await exported("content", "tax-report", "yaml"),
      );
    } finally {
      content.remove();
    }
  });
});
