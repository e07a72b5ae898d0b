import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/dates.js";
import { ConflictError, NotFoundError, VersionConflictError } from "../../src/domain/errors.js";
import type { Task } from "../../src/domain/task.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";

/** Many-task updates (reschedule) and deletes: all or nothing, version-checked. */
export function bulkWriteContract(backend: Backend) {
  describe(`${backend.name}: reschedule-style updates and deletes`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    async function bundleOf(count: number) {
      const b = f.bundle({ taskCount: count, openTaskCount: count });
      const tasks = Array.from({ length: count }, (_, i) =>
        f.task({ bundleId: b.bundleId, taskOrder: i, date: "2026-04-01" }),
      );
      await repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [] });
      return { b, tasks };
    }
    const moved = (t: Task) => ({ previous: t, next: { ...t, date: addDays(t.date, 7), version: t.version + 1 } });

    for (const count of [3, 120]) {
      it(`moves ${count} tasks and their bundle together, or none of them when one is stale`, async () => {
        const { b, tasks } = await bundleOf(count);
        const bundle = { next: { ...b, anchorDate: "2026-04-17", version: 2 }, expectedVersion: 1 };
        const staleIndex = count - 1;
        const stale = await repo.tasks.update({
          task: {
            next: { ...(tasks[staleIndex] as Task), comment: "edited meanwhile", version: 2 },
            expectedVersion: 1,
          },
          audit: f.audit("task", tasks[staleIndex]?.taskId ?? ""),
        });
        const attempt = repo.tasks.updateMany({
          changes: tasks.map(moved),
          bundle,
          events: [],
          audit: f.audit("bundle", b.bundleId, { action: "bundle.rescheduled" }),
        });
        await expect(attempt).rejects.toBeInstanceOf(VersionConflictError);
        for (const t of tasks.slice(0, 5)) expect((await repo.tasks.get(t.taskId))?.date).toBe("2026-04-01");
        expect((await repo.bundles.get(b.bundleId))?.anchorDate).toBe(b.anchorDate);

        const fresh = tasks.map((t, i) => (i === staleIndex ? stale : t));
        await repo.tasks.updateMany({
          changes: fresh.map(moved),
          bundle,
          events: [f.taskEvent(tasks[0]?.taskId ?? "", { kind: "rescheduled" })],
          audit: f.audit("bundle", b.bundleId, { action: "bundle.rescheduled" }),
        });
        const after = await repo.tasks.listByBundle(b.bundleId, { limit: 500 });
        expect(after.items.map((t) => t.date)).toEqual(Array(count).fill("2026-04-08"));
        expect((await repo.bundles.get(b.bundleId))?.anchorDate).toBe("2026-04-17");
        expect((await repo.auditEvents.listByEntity("bundle", b.bundleId, {})).items.map((e) => e.action)).toEqual([
          "bundle.rescheduled",
        ]);
      });
    }

    it("deletes a task at its version with its history, and updates its bundle", async () => {
      const { b, tasks } = await bundleOf(2);
      const [gone, kept] = tasks as [Task, Task];
      await repo.tasks.update({
        task: { next: { ...gone, comment: "x", version: 2 }, expectedVersion: 1 },
        event: f.taskEvent(gone.taskId, { kind: "updated" }),
        audit: f.audit("task", gone.taskId),
      });
      await expect(
        repo.tasks.delete({ taskId: gone.taskId, expectedVersion: 1, audit: f.audit("task", gone.taskId) }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await expect(
        repo.tasks.delete({ taskId: "tsk_missing", expectedVersion: 1, audit: f.audit("task", "tsk_missing") }),
      ).rejects.toBeInstanceOf(NotFoundError);
      const smaller = { next: { ...b, taskCount: 1, openTaskCount: 1, version: 2 }, expectedVersion: 1 };
      await repo.tasks.delete({
        taskId: gone.taskId,
        expectedVersion: 2,
        bundle: smaller,
        audit: f.audit("task", gone.taskId, { action: "task.deleted" }),
      });
      expect(await repo.tasks.get(gone.taskId)).toBeUndefined();
      expect((await repo.tasks.listEvents(gone.taskId, {})).items).toEqual([]);
      expect((await repo.tasks.listByBundle(b.bundleId, {})).items.map((t) => t.taskId)).toEqual([kept.taskId]);
      expect((await repo.bundles.get(b.bundleId))?.taskCount).toBe(1);
      expect((await repo.auditEvents.listByEntity("task", gone.taskId, {})).items.map((e) => e.action)).toContain(
        "task.deleted",
      );
    });

    it("refuses to delete a task that a file still points at", async () => {
      const { tasks } = await bundleOf(1);
      const t = tasks[0] as Task;
      await repo.files.create(f.fileRecord(t.taskId), f.audit("file", "fil_x"));
      await expect(
        repo.tasks.delete({ taskId: t.taskId, expectedVersion: 1, audit: f.audit("task", t.taskId) }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.tasks.get(t.taskId)).toEqual(t);
    });
  });
}
