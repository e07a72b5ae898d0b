import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../../src/content/load-workflows.js";
import { DSL_VERSION } from "../../src/domain/workflow-definition.js";
import { exportFromContent, exportPublished } from "../../src/dsl/export-workflow.js";
import { importWorkflow } from "../../src/dsl/import-workflow.js";
import { parseDsl } from "../../src/dsl/parse-dsl.js";
import type { Repository } from "../../src/repositories/repository.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { pgliteBackend } from "../support/backends.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";
import { tempContent } from "./temp-content.js";

const text = (result: { text: string } | { error: string }) => {
  if ("error" in result) throw new Error(result.error);
  return result.text;
};

describe("the DSL and published versions (PGlite)", () => {
  let repo: Repository;
  const content = tempContent(true);
  const publish = async () =>
    Object.fromEntries(
      (await registerWorkflowVersions(testCtx(repo, await loadCatalog(content.dir)))).map((r) => [
        r.version.workflowId,
        [r.version.version, r.created],
      ]),
    );
  beforeAll(async () => {
    repo = await pgliteBackend.open();
  });
  afterAll(async () => {
    content.remove();
    await repo.close();
  });

  it("leaves dslVersion out of the content hash", async () => {
    const { definition } = (await loadCatalog()).workflows.get("expense-approval") ?? {};
    if (!definition) throw new Error("expense-approval missing");
    expect(contentHash({ ...definition, dslVersion: DSL_VERSION })).toBe(contentHash(definition));
  });

  it("publishes nothing new when every workflow is exported and imported unchanged", async () => {
    const ids = Object.keys(await publish());
    expect(ids.length).toBe(readdirSync("content/workflows").length);
    for (const workflowId of ids) {
      const file = join(content.dir, `${workflowId}.json`);
      writeFileSync(file, text(await exportFromContent(content.dir, workflowId, "json")));
      expect(await importWorkflow(content.dir, file)).toMatchObject({ workflowId });
      const written = readFileSync(join(content.dir, "workflows", `${workflowId}.yaml`), "utf8");
      expect(written.startsWith("dslVersion: 1\n")).toBe(true);
    }
    expect(Object.values(await publish())).toEqual(ids.map(() => [1, false]));
  });

  it("exports a published version by number: two versions, each its own definition", async () => {
    const workflows = join(content.dir, "workflows");
    const path = join(workflows, "tax-report.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("name: Quarterly tax report", "name: Tax report, v2"));
    expect((await publish())["tax-report"]).toEqual([2, true]);

    const first = text(await exportPublished(repo.workflowVersions, "tax-report", 1, "yaml"));
    const second = text(await exportPublished(repo.workflowVersions, "tax-report", 2, "yaml"));
    expect(parseDsl(first, "yaml", "v1", [])).toMatchObject({ name: "Quarterly tax report" });
    expect(parseDsl(second, "yaml", "v2", [])).toMatchObject({ name: "Tax report, v2" });
    // The stored definition renders to the same bytes as the file it was published from.
    expect(second).toBe(text(await exportFromContent(content.dir, "tax-report", "yaml")));
    expect(text(await exportPublished(repo.workflowVersions, "tax-report", 1, "json"))).toBe(
      text(await exportFromContent("content", "tax-report", "json")),
    );

    expect(await exportPublished(repo.workflowVersions, "tax-report", 3, "yaml")).toEqual({
      error: "workflow 'tax-report' has no version 3 (latest: 2)",
    });
    expect(await exportPublished(repo.workflowVersions, "nope", 1, "yaml")).toEqual({
      error: "no published workflow 'nope'",
    });
  });
});
