import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, VersionConflictError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { storedBundleWithTask } from "./stored-bundle.js";

/** Atomicity, optimistic concurrency and uniqueness: what every backend must refuse, and leave intact. */
export function writeContract(backend: Backend) {
  describe(`${backend.name}: writes`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    const bundleWithTask = () => storedBundleWithTask(repo);

    it("applies a current version, refuses a stale one with the current record, and 404s a missing one", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      const renamed = { ...u, name: "Renamed", version: 2, updatedAt: f.T1 };
      expect(await repo.users.update(renamed, 1, f.audit("user", u.userId, { action: "user.updated" }))).toEqual(
        renamed,
      );

      const stale = repo.users.update({ ...u, name: "Lost update", version: 2 }, 1, f.audit("user", u.userId));
      await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
      await expect(stale).rejects.toMatchObject({
        details: { expectedVersion: 1, currentVersion: 2, current: renamed },
      });
      expect(await repo.users.get(u.userId)).toEqual(renamed);

      const ghost = f.user();
      await expect(
        repo.users.update({ ...ghost, version: 2 }, 1, f.audit("user", ghost.userId)),
      ).rejects.toBeInstanceOf(NotFoundError);
      const trail = await repo.auditEvents.listByEntity("user", u.userId, {});
      expect(trail.items.map((e) => e.action)).toEqual(["user.created", "user.updated"]);
    });

    it("refuses a stale token write with the current token as the API shows it, without its hash", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      const token = f.apiToken(u.userId, { revokedAt: undefined });
      await repo.apiTokens.create(token, f.audit("apiToken", token.tokenId));
      await repo.apiTokens.update({ ...token, name: "moved on", version: 2 }, 1, f.audit("apiToken", token.tokenId));
      const stale = repo.apiTokens.update({ ...token, revokedAt: f.T1, version: 2 }, 1, f.audit("apiToken", "tok_x"));
      const error: unknown = await stale.catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(VersionConflictError);
      expect((error as VersionConflictError).details).toMatchObject({
        currentVersion: 2,
        current: { tokenId: token.tokenId, name: "moved on" },
      });
      expect(JSON.stringify((error as VersionConflictError).details)).not.toContain(token.tokenHash);
    });

    it("writes a task change with its bundle change, history and audit together, or none of them", async () => {
      const { b, t } = await bundleWithTask();
      const done = { ...t, status: "done" as const, completedAt: f.T1, version: 2 };
      const closed = { ...b, openTaskCount: 0, status: "completed" as const, version: 2 };
      const event = f.taskEvent(t.taskId, { kind: "completed" });
      await repo.tasks.update({
        task: { next: done, expectedVersion: 1 },
        bundle: { next: closed, expectedVersion: 1 },
        event,
        audit: f.audit("task", t.taskId, { action: "task.completed" }),
      });
      expect(await repo.tasks.get(t.taskId)).toEqual(done);
      expect(await repo.bundles.get(b.bundleId)).toEqual(closed);

      // The bundle moved on meanwhile: the task change must not land either.
      const reopened = { ...done, status: "todo" as const, completedAt: undefined, version: 3 };
      const attempt = repo.tasks.update({
        task: { next: reopened, expectedVersion: 2 },
        bundle: { next: { ...closed, openTaskCount: 1, version: 2 }, expectedVersion: 1 },
        event: f.taskEvent(t.taskId, { kind: "reopened" }),
        audit: f.audit("task", t.taskId, { action: "task.reopened" }),
      });
      await expect(attempt).rejects.toBeInstanceOf(VersionConflictError);
      expect(await repo.tasks.get(t.taskId)).toEqual(done);
      expect((await repo.tasks.listEvents(t.taskId, {})).items.map((e) => e.kind)).toEqual(["completed"]);
      expect((await repo.auditEvents.listByEntity("task", t.taskId, {})).items.map((e) => e.action)).toEqual([
        "task.completed",
      ]);
    });

    it("lets exactly one of 20 concurrent writers of one version win, and moves the bundle once", async () => {
      const b = f.bundle({ taskCount: 1, openTaskCount: 1 });
      const t = f.task({ bundleId: b.bundleId });
      await repo.bundles.createWithTasks({ bundle: b, tasks: [t], taskEvents: [], audit: [] });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          repo.tasks.update({
            task: { next: { ...t, status: "done", comment: `writer ${i}`, version: 2 }, expectedVersion: 1 },
            bundle: { next: { ...b, openTaskCount: 0, version: 2 }, expectedVersion: 1 },
            event: f.taskEvent(t.taskId, { kind: "completed" }),
            audit: f.audit("task", t.taskId, { action: "task.completed" }),
          }),
        ),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.every((r) => r.reason instanceof VersionConflictError)).toBe(true);
      expect((await repo.bundles.get(b.bundleId))?.openTaskCount).toBe(0);
      expect((await repo.tasks.listEvents(t.taskId, {})).items).toHaveLength(1);
      expect((await repo.auditEvents.listByEntity("task", t.taskId, {})).items).toHaveLength(1);
    });

    // 3 tasks are one statement on Postgres; 300 exceed its parameter budget and go in chunks.
    it.each([3, 300])("leaves nothing behind when a bundle write of %i tasks fails at its last", async (count) => {
      const { t: existing } = await bundleWithTask();
      const b = f.bundle({ taskCount: count });
      const tasks = [
        ...Array.from({ length: count - 1 }, () => f.task({ bundleId: b.bundleId })),
        { ...existing, bundleId: b.bundleId },
      ];
      const attempt = repo.bundles.createWithTasks({
        bundle: b,
        tasks,
        taskEvents: tasks.slice(0, 2).map((t) => f.taskEvent(t.taskId)),
        audit: [f.audit("bundle", b.bundleId)],
      });
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.bundles.get(b.bundleId)).toBeUndefined();
      expect(await repo.tasks.get(tasks[0]?.taskId ?? "")).toBeUndefined();
      expect((await repo.tasks.listByBundle(b.bundleId, {})).items).toEqual([]);
      expect((await repo.auditEvents.listByEntity("bundle", b.bundleId, {})).items).toEqual([]);
      expect((await repo.tasks.get(existing.taskId))?.bundleId).toBe(existing.bundleId);
    });

    it("refuses duplicate unique values: email, idempotency key, reminder dedupe key", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      await expect(repo.users.create(f.user({ email: u.email }), f.audit("user", "usr_dup"))).rejects.toBeInstanceOf(
        ConflictError,
      );

      const keyed = f.bundle({ idempotencyKey: `key-${u.userId}` });
      await repo.bundles.createWithTasks({ bundle: keyed, tasks: [], taskEvents: [], audit: [] });
      expect((await repo.bundles.getByIdempotencyKey(`key-${u.userId}`))?.bundleId).toBe(keyed.bundleId);
      const again = f.bundle({ idempotencyKey: `key-${u.userId}` });
      await expect(
        repo.bundles.createWithTasks({ bundle: again, tasks: [], taskEvents: [], audit: [] }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.bundles.get(again.bundleId)).toBeUndefined();

      const reminder = f.notification();
      await repo.notifications.create(reminder, f.audit("notification", reminder.notificationId));
      const repeat = f.notification({ dedupeKey: reminder.dedupeKey });
      await expect(
        repo.notifications.create(repeat, f.audit("notification", repeat.notificationId)),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.notifications.get(repeat.notificationId)).toBeUndefined();
    });

    it("refuses a reference to a record that does not exist", async () => {
      const orphan = f.fileRecord("tsk_doesnotexist");
      await expect(repo.files.create(orphan, f.audit("file", orphan.fileId))).rejects.toBeInstanceOf(NotFoundError);
      expect(await repo.files.get(orphan.fileId)).toBeUndefined();
    });
  });
}
