import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangedMeanwhileError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import { deleteFile } from "../../src/services/delete-file.js";
import { transitionTask } from "../../src/services/transition-task.js";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";
import { type Harness, startHarness } from "./harness.js";

/**
 * A done task's file proof, with the other write landing at the worst moment: between the service's
 * reads and its write. The write relies on what it read, so it fails instead of both landing.
 */
for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`${backend.name}: file proof against racing writes`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    async function taskNeedingFile(files: number) {
      const b = f.bundle({ taskCount: 1, openTaskCount: 1 });
      const t = f.task({ bundleId: b.bundleId, requiresFile: true });
      await h.repo.bundles.createWithTasks({
        bundle: b,
        tasks: [t],
        taskEvents: [],
        audit: [f.audit("bundle", b.bundleId)],
      });
      const stored = [];
      for (let i = 0; i < files; i++) {
        const file = f.fileRecord(t.taskId);
        await h.repo.files.create(file, f.audit("file", file.fileId));
        stored.push(file);
      }
      return { task: t, files: stored };
    }

    const ctxWith = async (repo: Repository) => testCtx(repo, await loadCatalog(), h.users.operator);

    it("a completion whose only file is deleted meanwhile fails, and the task stays open", async () => {
      const { task, files } = await taskNeedingFile(1);
      const racing: Repository = {
        ...h.repo,
        tasks: {
          ...h.repo.tasks,
          async update(input) {
            await h.repo.files.delete(files[0]?.fileId ?? "", f.audit("file", files[0]?.fileId ?? ""));
            return h.repo.tasks.update(input);
          },
        },
      };
      const done = transitionTask(await ctxWith(racing), task.taskId, "complete", { expectedVersion: 1 });
      await expect(done).rejects.toBeInstanceOf(ChangedMeanwhileError);
      expect((await h.repo.tasks.get(task.taskId))?.status).toBe("todo");
    });

    it("two deletes of a done task's last two files: the second to land fails", async () => {
      const { task, files } = await taskNeedingFile(2);
      const ctx = await ctxWith(h.repo);
      await transitionTask(ctx, task.taskId, "complete", { expectedVersion: 1 });
      const [first, second] = files as [(typeof files)[0], (typeof files)[0]];
      const racing: Repository = {
        ...h.repo,
        files: {
          ...h.repo.files,
          async delete(fileId, audit, unchanged) {
            await h.repo.files.delete(second.fileId, f.audit("file", second.fileId));
            return h.repo.files.delete(fileId, audit, unchanged);
          },
        },
      };
      await expect(deleteFile({ ...ctx, repo: racing }, first.fileId)).rejects.toBeInstanceOf(ChangedMeanwhileError);
      expect(await h.repo.files.get(first.fileId)).toEqual(first);
    });
  });
}
