import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, VersionConflictError } from "../../src/domain/errors.js";
import type { Notification } from "../../src/domain/notification.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

const idsOf = (items: Notification[]) => items.map((n) => n.notificationId);
const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T09:00:00.000Z`;

/** What the scheduler and the notifications API need from a store: recipients' lists, keys, leases, configs. */
export function schedulerStoreContract(backend: Backend) {
  describe(`${backend.name}: scheduler stores`, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await backend.open();
    });
    afterEach(() => repo.close());

    async function raise(over: Partial<Notification>) {
      const n = f.notification(over);
      await repo.notifications.create(n, f.audit("notification", n.notificationId));
      return n;
    }

    it("lists a recipient's and everyone's notifications, undismissed or dismissed, newest first, after a position", async () => {
      const user = f.user();
      const other = f.user();
      for (const u of [user, other]) await repo.users.create(u, f.audit("user", u.userId));
      const old = await raise({ userId: user.userId, dueAt: at(1) });
      const recent = await raise({ userId: user.userId, dueAt: at(5) });
      const sameTime = await raise({ userId: user.userId, dueAt: at(5) });
      const dismissed = await raise({ userId: user.userId, dueAt: at(3), dismissedAt: at(4) });
      const everyone = await raise({ dueAt: at(2) });
      await raise({ userId: other.userId, dueAt: at(6) });

      const open = await repo.notifications.listForRecipient(user.userId, false, undefined, 10);
      const newestFirst = [sameTime, recent].sort((a, b) => (a.notificationId > b.notificationId ? -1 : 1));
      expect(idsOf(open)).toEqual([...idsOf(newestFirst), old.notificationId]);
      const [first] = newestFirst as [Notification];
      const after = await repo.notifications.listForRecipient(user.userId, false, first, 10);
      expect(idsOf(after)).toEqual([newestFirst[1]?.notificationId, old.notificationId]);
      expect(idsOf(await repo.notifications.listForRecipient(user.userId, false, undefined, 1))).toHaveLength(1);
      expect(idsOf(await repo.notifications.listForRecipient(user.userId, true, undefined, 10))).toEqual([
        dismissed.notificationId,
      ]);
      expect(idsOf(await repo.notifications.listForRecipient(undefined, false, undefined, 10))).toEqual([
        everyone.notificationId,
      ]);
      expect(await repo.notifications.countUndismissed(user.userId)).toBe(3);
      expect(await repo.notifications.countUndismissed(undefined)).toBe(1);

      // Dismissing moves a notification from the undismissed list to the dismissed one.
      const next = { ...old, dismissedAt: at(7), dismissedBy: user.userId, version: 2, updatedAt: at(7) };
      await repo.notifications.update(next, 1, f.audit("notification", old.notificationId));
      expect(idsOf(await repo.notifications.listForRecipient(user.userId, true, undefined, 10))).toEqual([
        dismissed.notificationId,
        old.notificationId,
      ]);
      expect(await repo.notifications.countUndismissed(user.userId)).toBe(2);
    });

    it("says which dedupe keys are taken, dismissed or not, and refuses a taken one", async () => {
      const a = await raise({ dedupeKey: "task-due:tsk_a:2026-03-02" });
      await raise({ dedupeKey: "task-due:tsk_b:2026-03-02", dismissedAt: at(3) });
      const many = Array.from({ length: 150 }, (_, i) => `unused:${i}`);
      const taken = await repo.notifications.existingKeys([
        ...many,
        a.dedupeKey,
        "task-due:tsk_b:2026-03-02",
        "task-due:tsk_c:2026-03-02",
      ]);
      expect([...taken].sort()).toEqual(["task-due:tsk_a:2026-03-02", "task-due:tsk_b:2026-03-02"]);
      expect(await repo.notifications.existingKeys([])).toEqual(new Set());
      await expect(raise({ dedupeKey: a.dedupeKey })).rejects.toBeInstanceOf(ConflictError);
    });

    it("takes a lease for one holder at a time, hands it over when it expires, and releases only its own", async () => {
      const leases = repo.schedulerLeases;
      expect(await leases.acquire("tick", "one", at(1), at(2))).toBe(true);
      expect(await leases.acquire("tick", "two", at(1), at(2))).toBe(false);
      expect(await leases.acquire("tick", "one", at(1), at(3))).toBe(true); // renewing is allowed
      expect((await leases.get("tick"))?.holder).toBe("one");
      await leases.release("tick", "two"); // not its lease: nothing changes
      expect((await leases.get("tick"))?.holder).toBe("one");
      expect(await leases.acquire("tick", "two", at(3), at(4))).toBe(true); // expired at 3
      await leases.release("tick", "two");
      expect(await leases.get("tick")).toBeUndefined();
      const both = await Promise.all([
        leases.acquire("race", "a", at(1), at(2)),
        leases.acquire("race", "b", at(1), at(2)),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });

    it("lists every recurring config by ID and deletes one only at its version", async () => {
      const configs = [f.recurringConfig(), f.recurringConfig(), f.recurringConfig({ enabled: false })];
      for (const c of configs) await repo.recurringConfigs.create(c, f.audit("recurringConfig", c.recurringConfigId));
      const { items } = await allPages((page) => repo.recurringConfigs.list(page), 2);
      expect(items.map((c) => c.recurringConfigId)).toEqual(configs.map((c) => c.recurringConfigId).sort());
      const [first] = configs as [(typeof configs)[0]];
      await expect(
        repo.recurringConfigs.delete(first.recurringConfigId, 2, f.audit("recurringConfig", first.recurringConfigId)),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await repo.recurringConfigs.delete(first.recurringConfigId, 1, f.audit("recurringConfig", "x"));
      expect(await repo.recurringConfigs.get(first.recurringConfigId)).toBeUndefined();
      await expect(
        repo.recurringConfigs.delete(first.recurringConfigId, 1, f.audit("recurringConfig", "x")),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it("writes a stage change's reminders with the task and bundle, or none of them", async () => {
      const owner = f.user();
      await repo.users.create(owner, f.audit("user", owner.userId));
      const b = f.bundle({ taskCount: 1, openTaskCount: 1 });
      const t = { ...f.task(), bundleId: b.bundleId, assigneeId: owner.userId };
      await repo.bundles.createWithTasks({ bundle: b, tasks: [t], taskEvents: [], audit: [] });
      const moved = { ...b, stage: "announced", version: 2, updatedAt: f.T1 };
      const reminder = f.notification({ type: "stage-change", userId: owner.userId, bundleId: b.bundleId });
      await repo.tasks.update({
        task: { next: { ...t, comment: "moved", version: 2 }, expectedVersion: 1 },
        bundle: { next: moved, expectedVersion: 1 },
        audit: f.audit("task", t.taskId),
        notifications: [reminder],
      });
      expect(await repo.notifications.get(reminder.notificationId)).toEqual(reminder);

      // A reminder whose key is taken fails the whole write: the bundle does not move either.
      const again = f.notification({ dedupeKey: reminder.dedupeKey, bundleId: b.bundleId });
      await expect(
        repo.bundles.updateNotifying({ ...moved, stage: "after-event", version: 3 }, 2, f.audit("bundle", b.bundleId), [
          again,
        ]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await repo.bundles.get(b.bundleId))?.stage).toBe("announced");
      const fresh = f.notification({ type: "stage-change", bundleId: b.bundleId });
      await repo.bundles.updateNotifying(
        { ...moved, stage: "after-event", version: 3 },
        2,
        f.audit("bundle", b.bundleId),
        [fresh],
      );
      expect((await repo.bundles.get(b.bundleId))?.stage).toBe("after-event");
      expect(await repo.notifications.get(fresh.notificationId)).toEqual(fresh);
    });
  });
}
