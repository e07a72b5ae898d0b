import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangedMeanwhileError } from "../../src/domain/errors.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { storedBundleWithTask } from "./stored-bundle.js";

/** `unchanged`: a write lands only while every record it relied on is still at the version read. */
export function unchangedGuardContract(backend: Backend) {
  describe(`${backend.name}: writes guarded by records they relied on`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    it("user update: lands while the other admin is unchanged, and not after it changed", async () => {
      const [a, b] = [f.user({ role: "admin" }), f.user({ role: "admin" })];
      for (const u of [a, b]) await repo.users.create(u, f.audit("user", u.userId));
      const disableB = { ...b, disabled: true, version: 2, updatedAt: f.T1 };
      await repo.users.update(disableB, 1, f.audit("user", b.userId), [{ entity: "user", id: a.userId, version: 1 }]);

      const disableA = { ...a, disabled: true, version: 2, updatedAt: f.T1 };
      const stale = repo.users.update(disableA, 1, f.audit("user", a.userId, { action: "user.updated" }), [
        { entity: "user", id: b.userId, version: 1 },
      ]);
      await expect(stale).rejects.toBeInstanceOf(ChangedMeanwhileError);
      await expect(stale).rejects.toMatchObject({ details: { entityType: "user", id: b.userId } });
      expect(await repo.users.get(a.userId)).toEqual(a);
      const trail = await repo.auditEvents.listByEntity("user", a.userId, {});
      expect(trail.items.map((e) => e.action)).toEqual(["user.created"]);
    });

    it("token create: refused once its owner changed (a disable that revoked the owner's tokens meanwhile)", async () => {
      const u = f.user();
      await repo.users.create(u, f.audit("user", u.userId));
      await repo.users.update({ ...u, disabled: true, version: 2, updatedAt: f.T1 }, 1, f.audit("user", u.userId));
      const token = f.apiToken(u.userId, { revokedAt: undefined });
      const issue = repo.apiTokens.create(token, f.audit("apiToken", token.tokenId), [
        { entity: "user", id: u.userId, version: 1 },
      ]);
      await expect(issue).rejects.toBeInstanceOf(ChangedMeanwhileError);
      expect(await repo.apiTokens.get(token.tokenId)).toBeUndefined();
      expect(await repo.apiTokens.getByHash(token.tokenHash)).toBeUndefined();
    });

    it("task update: refused when the artifact it relied on moved, and a missing one counts as changed", async () => {
      const { b, t } = await storedBundleWithTask(repo);
      const proof = f.artifact({ taskId: t.taskId, status: "approved" });
      await repo.artifacts.create(proof, f.audit("artifact", proof.artifactId));
      await repo.artifacts.update(
        { ...proof, taskId: undefined, version: 2 },
        1,
        f.audit("artifact", proof.artifactId),
      );

      const done = { ...t, status: "done" as const, completedAt: f.T1, version: 2 };
      const write = (artifactId: string) =>
        repo.tasks.update({
          task: { next: done, expectedVersion: 1 },
          bundle: { next: { ...b, openTaskCount: 0, version: 2 }, expectedVersion: 1 },
          audit: f.audit("task", t.taskId),
          unchanged: [{ entity: "artifact", id: artifactId, version: 1 }],
        });
      await expect(write(proof.artifactId)).rejects.toBeInstanceOf(ChangedMeanwhileError);
      await expect(write("art_missing")).rejects.toBeInstanceOf(ChangedMeanwhileError);
      expect(await repo.tasks.get(t.taskId)).toEqual(t);
      expect(await repo.bundles.get(b.bundleId)).toEqual(b);
    });

    it("artifact update: refused when the task and bundle it was checked against moved on", async () => {
      const { b, t } = await storedBundleWithTask(repo);
      const art = f.artifact({ taskId: t.taskId, bundleId: b.bundleId, status: "approved" });
      await repo.artifacts.create(art, f.audit("artifact", art.artifactId));
      await repo.bundles.update({ ...b, title: "Moved on", version: 2 }, 1, f.audit("bundle", b.bundleId));
      const moved = { ...art, taskId: undefined, version: 2 };
      await expect(
        repo.artifacts.update(moved, 1, f.audit("artifact", art.artifactId), [
          { entity: "task", id: t.taskId, version: 1 },
          { entity: "bundle", id: b.bundleId, version: 1 },
        ]),
      ).rejects.toBeInstanceOf(ChangedMeanwhileError);
      expect(await repo.artifacts.get(art.artifactId)).toEqual(art);
      await repo.artifacts.update(moved, 1, f.audit("artifact", art.artifactId), [
        { entity: "task", id: t.taskId, version: 1 },
        { entity: "bundle", id: b.bundleId, version: 2 },
      ]);
      expect((await repo.artifacts.get(art.artifactId))?.taskId).toBeUndefined();
    });
  });
}
