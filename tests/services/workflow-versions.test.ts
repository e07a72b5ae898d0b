import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";

describe("workflow versions registered at start", () => {
  let repo: Repository;
  let dir: string;
  beforeAll(async () => {
    repo = await pgliteBackend.open();
    for (const userId of ["usr_host", "usr_editor", "usr_accountant"])
      await repo.users.create(f.user({ userId }), f.audit("user", userId));
    dir = mkdtempSync(join(tmpdir(), "content-"));
    cpSync("content", dir, { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await repo.close();
  });

  it("publishes a changed file as a new version, keeps unchanged ones, and never moves a running bundle", async () => {
    const start = async () => {
      const ctx = testCtx(repo, await loadCatalog(dir));
      const registered = await registerWorkflowVersions(ctx);
      return {
        ctx,
        summary: Object.fromEntries(registered.map((r) => [r.version.workflowId, [r.version.version, r.created]])),
      };
    };
    const first = await start();
    expect(first.summary).toEqual({
      "expense-approval": [1, true],
      "newsletter-issue": [1, true],
      "podcast-episode": [1, true],
      "publishing-pipeline": [1, true],
      "tax-report": [1, true],
    });
    const running = await instantiateBundle(first.ctx, {
      workflowId: "newsletter-issue",
      title: "Issue 1",
      anchorDate: "2026-06-04",
    });

    expect((await start()).summary).toEqual({
      "expense-approval": [1, false],
      "newsletter-issue": [1, false],
      "podcast-episode": [1, false],
      "publishing-pipeline": [1, false],
      "tax-report": [1, false],
    });

    const file = join(dir, "workflows/newsletter-issue.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(
      file,
      `# a comment and new formatting change nothing\n${original.replace("offsetDays: -5", "offsetDays:   -5")}`,
    );
    expect((await start()).summary["newsletter-issue"]).toEqual([1, false]);

    writeFileSync(file, original.replace("offsetDays: -5", "offsetDays: -6"));
    const changed = await start();
    expect(changed.summary).toEqual({
      "expense-approval": [1, false],
      "newsletter-issue": [2, true],
      "podcast-episode": [1, false],
      "publishing-pipeline": [1, false],
      "tax-report": [1, false],
    });

    const pinned = await repo.bundles.get(running.bundle.bundleId);
    const v1 = await repo.workflowVersions.get(pinned?.workflowVersionId ?? "");
    expect(v1?.version).toBe(1);
    expect(v1?.definition.tasks[0]?.offsetDays).toBe(-5);
    expect((await repo.tasks.get(running.tasks[0]?.taskId ?? ""))?.date).toBe("2026-05-30");

    const fresh = await instantiateBundle(changed.ctx, {
      workflowId: "newsletter-issue",
      title: "Issue 2",
      anchorDate: "2026-06-04",
    });
    expect(fresh.bundle.workflowVersionId).not.toBe(running.bundle.workflowVersionId);
    expect(fresh.tasks[0]?.date).toBe("2026-05-29");
  });
});
