import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkWorkflow } from "../../src/content/check-workflow.js";
import { formatProblem } from "../../src/content/content-problem.js";
import { loadContent } from "../../src/content/load-content.js";
import { WorkflowDefinition } from "../../src/domain/workflow-definition.js";

const run = promisify(execFile);
const BROKEN = "tests/fixtures/broken-content";

describe("content check", () => {
  it("accepts the definitions in content/", async () => {
    const { catalog, problems } = await loadContent("content");
    expect(problems).toEqual([]);
    expect([...catalog.workflows.keys()].sort()).toEqual([
      "expense-approval",
      "newsletter-issue",
      "podcast-episode",
      "publishing-pipeline",
      "tax-report",
    ]);
    const checklists = [...catalog.workflows.values()].filter((w) => !w.definition.steps);
    expect(checklists).toHaveLength(3);
    for (const { definition } of checklists) {
      expect(definition.tasks.length).toBeGreaterThanOrEqual(8);
      expect(definition.tasks.length).toBeLessThanOrEqual(20);
    }
    const proofTypes = new Set(
      [...catalog.workflows.values()].flatMap((w) => w.definition.tasks.map((t) => t.proof?.type)),
    );
    expect([...proofTypes].filter(Boolean).sort()).toEqual(["artifact", "comment", "external-status", "file", "url"]);
  });

  it("names the file and the field path of every problem", async () => {
    const { catalog, problems } = await loadContent(BROKEN);
    const lines = problems.map(formatProblem);
    const expected = [
      `${BROKEN}/workflows/podcast.yaml: tasks[3].proof.type: `,
      `${BROKEN}/workflows/typo.yaml: tasks[0]: unknown field(s): offestDays`,
      `${BROKEN}/workflows/newsletter.yaml: sourceDocIds[0]: unknown doc id 'missing-doc'`,
      `${BROKEN}/workflows/newsletter.yaml: tasks: duplicate task refId 'a'`,
      `${BROKEN}/workflows/newsletter.yaml: tasks[0].requiredLinkName: link 'Campaign' is not declared in requiredLinks`,
      `${BROKEN}/workflows/newsletter.yaml: tasks[1].instructionStepId: doc 'guide' has no step 'two'`,
      `${BROKEN}/workflows/newsletter.yaml: tasks[2].validation.requiredBundleLinks[0]: link 'Nope' is not declared`,
    ];
    for (const start of expected) expect(lines.some((line) => line.startsWith(start))).toBe(true);
    expect(catalog.workflows.size).toBe(0);
  });

  it("reports semantic problems of a schema-valid file", async () => {
    const { problems } = await loadContent(BROKEN);
    const podcast = problems.filter((p) => p.file.endsWith("podcast.yaml")).map((p) => `${p.path}: ${p.message}`);
    expect(podcast).toEqual([expect.stringMatching(/^tasks\[3\]\.proof\.type: Invalid option/)]);
    const fixed = parse(readFileSync(`${BROKEN}/workflows/podcast.yaml`, "utf8").replace("video", "url"));
    const messages = checkWorkflow(WorkflowDefinition.parse(fixed), "podcast.yaml", new Map()).map(
      (p) => `${p.path}: ${p.message}`,
    );
    expect(messages).toEqual([
      expect.stringMatching(/^tasks\[0\]\.instructionDocId: unknown doc id 'guide'/),
      "tasks[1].phase: unknown phase 'nowhere'",
      expect.stringMatching(/^tasks\[2\]\.stageOnComplete: unknown stage 'launched'/),
    ]);
  });

  it("npm run content:check exits non-zero on broken content and zero on content/", async () => {
    const failed = await run("npx", ["tsx", "src/cli/content-check.ts", BROKEN]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(`${BROKEN}/workflows/podcast.yaml: tasks[3].proof.type:`);
    const passed = await run("npx", ["tsx", "src/cli/content-check.ts", "content"]);
    expect(passed.stdout).toContain("content check passed: 5 workflow(s)");
  });
});
