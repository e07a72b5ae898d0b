import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/domain/bundle.js";
import { ConflictError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { storedBundleWithTask } from "./stored-bundle.js";

/**
 * Every update path of a record that holds a unique value (email, token hash, idempotency key, dedupe
 * key) keeps working: a record never conflicts with the value it already owns, and still conflicts
 * with a value another record owns.
 */
export function uniqueValueContract(backend: Backend) {
  describe(`${backend.name}: updates of records holding unique values`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    const next = <T extends { version: number }>(record: T, change: Partial<T> = {}): T => ({
      ...record,
      ...change,
      version: record.version + 1,
      updatedAt: f.T1,
    });

    const keyedBundle = () => storedBundleWithTask(repo, { idempotencyKey: `k-${f.ids.next("bundle")}` });

    it("user: updates keep the email the user owns", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      const renamed = next(u, { name: "Renamed" });
      await repo.users.update(renamed, 1, f.audit("user", u.userId));
      await repo.users.update(next(renamed, { disabled: true }), 2, f.audit("user", u.userId));
      expect(await repo.users.get(u.userId)).toMatchObject({ version: 3, disabled: true, email: u.email });
      expect((await repo.users.getByEmail(u.email))?.userId).toBe(u.userId);
    });

    it("api token: revoking keeps the hash it owns, and lookups by hash still find it", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      const token = f.apiToken(u.userId, { revokedAt: undefined });
      await repo.apiTokens.create(token, f.audit("apiToken", token.tokenId));
      await repo.apiTokens.update(next(token, { revokedAt: f.T1 }), 1, f.audit("apiToken", token.tokenId));
      expect((await repo.apiTokens.getByHash(token.tokenHash))?.revokedAt).toBe(f.T1);
    });

    it("bundle with an idempotency key: every write path that updates it succeeds", async () => {
      const { b, t } = await keyedBundle();
      let bundle: Bundle = next(b, { title: "Renamed" });
      await repo.bundles.update(bundle, 1, f.audit("bundle", b.bundleId));

      const added = f.task({ bundleId: b.bundleId });
      const withTwo = next(bundle, { taskCount: 2, openTaskCount: 2 });
      await repo.tasks.create({
        task: added,
        bundle: { next: withTwo, expectedVersion: bundle.version },
        audit: f.audit("task", added.taskId),
      });
      bundle = withTwo;

      const done = next(t, { status: "done", completedAt: f.T1 });
      const oneOpen = next(bundle, { openTaskCount: 1 });
      await repo.tasks.update({
        task: { next: done, expectedVersion: 1 },
        bundle: { next: oneOpen, expectedVersion: bundle.version },
        audit: f.audit("task", t.taskId),
      });
      bundle = oneOpen;

      // Reschedule: the path the review found refused on DynamoDB.
      const moved = next(bundle, { anchorDate: "2026-06-22" });
      await repo.tasks.updateMany({
        changes: [{ previous: done, next: next(done, { date: "2026-06-22" }) }],
        bundle: { next: moved, expectedVersion: bundle.version },
        events: [],
        audit: f.audit("bundle", b.bundleId),
      });
      bundle = moved;

      const fewer = next(bundle, { taskCount: 1, openTaskCount: 0 });
      await repo.tasks.delete({
        taskId: added.taskId,
        expectedVersion: 1,
        bundle: { next: fewer, expectedVersion: bundle.version },
        audit: f.audit("task", added.taskId),
      });

      expect(await repo.bundles.get(b.bundleId)).toEqual(fewer);
      expect((await repo.bundles.getByIdempotencyKey(b.idempotencyKey ?? ""))?.bundleId).toBe(b.bundleId);
    });

    it("bundle: a new bundle still cannot take an idempotency key an updated bundle owns", async () => {
      const { b } = await keyedBundle();
      await repo.bundles.update(next(b, { title: "Renamed" }), 1, f.audit("bundle", b.bundleId));
      const copy = f.bundle({ idempotencyKey: b.idempotencyKey });
      await expect(
        repo.bundles.createWithTasks({ bundle: copy, tasks: [], taskEvents: [], audit: [] }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it("notification: dismissing keeps its dedupe key, which still refuses a second reminder", async () => {
      const n = f.notification();
      await repo.notifications.create(n, f.audit("notification", n.notificationId));
      await repo.notifications.update(next(n, { dismissedAt: f.T1 }), 1, f.audit("notification", n.notificationId));
      expect((await repo.notifications.get(n.notificationId))?.version).toBe(2);
      const again = f.notification({ dedupeKey: n.dedupeKey });
      await expect(
        repo.notifications.create(again, f.audit("notification", again.notificationId)),
      ).rejects.toBeInstanceOf(ConflictError);
    });
  });
}
