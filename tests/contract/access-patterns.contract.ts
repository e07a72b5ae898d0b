import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/task.js";
import type { User } from "../../src/domain/user.js";
import type { Page, PageRequest } from "../../src/repositories/pagination.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";

const ids = (items: { taskId: string }[]) => items.map((t) => t.taskId);
const sortById = (tasks: Task[]) => [...tasks].sort((a, b) => (a.taskId < b.taskId ? -1 : 1));

/** Follows cursors to the end, checking no page is over the limit. */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, limit: number) {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 1000);
  return { items, pages };
}

/** Each list the V1 screens need, against a fresh store so global lists see only this test's data. */
export function accessPatternContract(backend: Backend) {
  describe(`${backend.name}: access patterns`, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await backend.open();
    });
    afterEach(() => repo.close());

    async function seed(tasks: Task[]) {
      const b = f.bundle({ taskCount: tasks.length });
      const withBundle = tasks.map((t, i) => ({ ...t, bundleId: b.bundleId, taskOrder: tasks.length - i }));
      await repo.bundles.createWithTasks({ bundle: b, tasks: withBundle, taskEvents: [], audit: [] });
      return { bundle: b, tasks: withBundle };
    }

    it("serves every task list from its own selector, in its stated order", async () => {
      const u1 = f.user();
      const u2 = f.user();
      for (const u of [u1, u2]) await repo.users.create(u, f.audit("user", u.userId));
      const { bundle, tasks } = await seed([
        f.task({ date: "2026-03-01", status: "todo", assigneeId: u1.userId }),
        f.task({ date: "2026-03-01", status: "done", assigneeId: u1.userId }),
        f.task({
          date: "2026-03-02",
          status: "waiting",
          assigneeId: u2.userId,
          followUpAt: "2026-03-02T08:00:00.000Z",
          waitingFor: "x",
        }),
        f.task({ date: "2026-03-05", status: "todo", assigneeId: u1.userId }),
        f.task({
          date: "2026-02-20",
          status: "waiting",
          assigneeId: u2.userId,
          followUpAt: "2026-03-03T00:00:00.000Z",
          waitingFor: "y",
        }),
        f.task({ date: "2026-03-10", status: "archived" }),
      ]);
      const [t1, t2, t3, t4, t5, t6] = tasks as [Task, Task, Task, Task, Task, Task];
      const all = async (list: (p: PageRequest) => Promise<Page<Task>>) => ids((await allPages(list, 50)).items);

      expect(await all((p) => repo.tasks.listForDate("2026-03-01", p))).toEqual(ids(sortById([t1, t2])));
      expect(await all((p) => repo.tasks.listDueBetween("2026-03-01", "2026-03-05", p))).toEqual([
        ...ids(sortById([t1, t2])),
        t3.taskId,
        t4.taskId,
      ]);
      expect(await all((p) => repo.tasks.listOverdue("2026-03-02", p))).toEqual([t5.taskId, t1.taskId]);
      expect(await all((p) => repo.tasks.listByAssignee(u1.userId, undefined, p))).toEqual([
        ...ids(sortById([t1, t2])),
        t4.taskId,
      ]);
      expect(await all((p) => repo.tasks.listByAssignee(u1.userId, "todo", p))).toEqual([t1.taskId, t4.taskId]);
      expect(await all((p) => repo.tasks.listByBundle(bundle.bundleId, p))).toEqual(
        [t6, t5, t4, t3, t2, t1].map((t) => t.taskId),
      );
      expect(await all((p) => repo.tasks.listByStatus("waiting", p))).toEqual([t5.taskId, t3.taskId]);
      expect(await all((p) => repo.tasks.listByStatus("archived", p))).toEqual([t6.taskId]);
      expect(await all((p) => repo.tasks.listFollowUpDue("2026-03-02T09:00:00.000Z", p))).toEqual([t3.taskId]);
      expect(await all((p) => repo.tasks.listFollowUpDue("2026-03-03T00:00:00.000Z", p))).toEqual([
        t3.taskId,
        t5.taskId,
      ]);
      expect(await all((p) => repo.tasks.listForDate("2026-03-03", p))).toEqual([]);
    });

    it("pages past the first page without losing or repeating an item", async () => {
      const { tasks } = await seed(Array.from({ length: 7 }, () => f.task({ date: "2026-05-01" })));
      const expected = ids(sortById(tasks));
      for (const limit of [1, 3, 7, 10]) {
        const { items, pages } = await allPages((p) => repo.tasks.listForDate("2026-05-01", p), limit);
        expect(ids(items)).toEqual(expected);
        expect(pages).toBe(Math.max(1, Math.ceil(7 / limit)));
      }
      const waiting = await seed(
        Array.from({ length: 5 }, (_, i) =>
          f.task({ status: "waiting", waitingFor: "z", followUpAt: `2026-05-0${1 + (i % 2)}T10:00:00.000Z` }),
        ),
      );
      const byFollowUp = [...waiting.tasks].sort((a, b) =>
        `${a.followUpAt}${a.taskId}`.localeCompare(`${b.followUpAt}${b.taskId}`),
      );
      const { items } = await allPages((p) => repo.tasks.listFollowUpDue("2026-06-01T00:00:00.000Z", p), 2);
      expect(ids(items)).toEqual(ids(byFollowUp));

      // A timestamp finer than a millisecond is stored as exactly as reads and cursors print it: paging
      // by one neither repeats nor skips a row.
      const precise = await seed([
        f.task({ status: "waiting", waitingFor: "z", followUpAt: "2026-07-01T09:00:00.123456Z" }),
        f.task({ status: "waiting", waitingFor: "z", followUpAt: "2026-07-01T09:00:00.200Z" }),
      ]);
      const afterJune = await allPages((p) => repo.tasks.listFollowUpDue("2026-08-01T00:00:00.000Z", p), 1);
      const preciseIds = ids(precise.tasks);
      expect(ids(afterJune.items).filter((id) => preciseIds.includes(id))).toEqual(preciseIds);
    });

    it("returns every item of a list larger than one 1 MB DynamoDB response", async () => {
      const bulky = "x".repeat(4_900);
      const { tasks } = await seed(
        Array.from({ length: 300 }, () =>
          f.task({ date: "2026-08-01", comment: bulky, description: "d".repeat(1_900) }),
        ),
      );
      const expected = ids(sortById(tasks));
      const onePage = await repo.tasks.listForDate("2026-08-01", { limit: 500 });
      expect(ids(onePage.items)).toEqual(expected);
      expect(onePage.nextCursor).toBeNull();
      expect(ids((await allPages((p) => repo.tasks.listForDate("2026-08-01", p), 120)).items)).toEqual(expected);
    });

    it("refuses a cursor it did not issue and a limit out of range", async () => {
      await expect(repo.tasks.listForDate("2026-05-01", { cursor: "not-a-cursor" })).rejects.toMatchObject({
        code: "validation_failed",
      });
      await expect(repo.tasks.listForDate("2026-05-01", { limit: 0 })).rejects.toMatchObject({
        code: "validation_failed",
      });
      await expect(repo.tasks.listForDate("2026-05-01", { limit: 100_000 })).rejects.toMatchObject({
        code: "validation_failed",
      });
    });

    it("lists bundles, users, tokens, recurring configs, notifications and audit events", async () => {
      const active = f.bundle({ workflowId: "podcast-episode", stage: "announced" });
      const done = f.bundle({ status: "completed", stage: "done" });
      for (const b of [active, done])
        await repo.bundles.createWithTasks({ bundle: b, tasks: [], taskEvents: [], audit: [] });
      expect((await repo.bundles.list({ status: "active" }, {})).items.map((b) => b.bundleId)).toEqual([
        active.bundleId,
      ]);
      expect((await repo.bundles.list({ stage: "done" }, {})).items.map((b) => b.bundleId)).toEqual([done.bundleId]);
      expect((await repo.bundles.list({ workflowId: "podcast-episode" }, {})).items.map((b) => b.bundleId)).toEqual([
        active.bundleId,
      ]);
      expect((await repo.bundles.list({}, {})).items).toHaveLength(2);

      const users = [f.user(), f.user(), f.user()];
      for (const u of users) await repo.users.create(u, f.audit("user", u.userId));
      expect((await allPages((p) => repo.users.list(p), 2)).items.map((u) => u.userId)).toEqual(
        users.map((u) => u.userId).sort(),
      );
      expect((await repo.users.getByEmail(users[1]?.email ?? ""))?.userId).toBe(users[1]?.userId);
      expect(await repo.users.getByEmail("nobody@example.com")).toBeUndefined();

      const owner = users[0]?.userId ?? "";
      const tokens = [f.apiToken(owner), f.apiToken(owner)];
      for (const t of tokens) await repo.apiTokens.create(t, f.audit("apiToken", t.tokenId));
      expect((await repo.apiTokens.listByUser(owner, {})).items.map((t) => t.tokenId)).toEqual(
        tokens.map((t) => t.tokenId).sort(),
      );
      expect((await repo.apiTokens.getByHash(tokens[1]?.tokenHash ?? ""))?.tokenId).toBe(tokens[1]?.tokenId);
      const bearer = await repo.apiTokens.getWithOwner(tokens[1]?.tokenHash ?? "");
      expect(bearer?.token).toEqual(tokens[1]);
      expect(bearer?.owner).toEqual(users[0]);
      expect(await repo.apiTokens.getWithOwner("sha256:unknown")).toBeUndefined();
      // Nothing is cached: the owner as it is now, right after a change.
      const other = f.apiToken(users[2]?.userId ?? "");
      await repo.apiTokens.create(other, f.audit("apiToken", other.tokenId));
      const disabledNow = { ...(users[2] as User), disabled: true, version: 2, updatedAt: f.T1 };
      await repo.users.update(disabledNow, 1, f.audit("user", disabledNow.userId, { action: "user.updated" }));
      expect((await repo.apiTokens.getWithOwner(other.tokenHash))?.owner).toEqual(disabledNow);

      const due = f.recurringConfig({ nextRunAt: "2026-03-01T00:00:00.000Z" });
      const later = f.recurringConfig({ nextRunAt: "2026-04-01T00:00:00.000Z" });
      const disabled = f.recurringConfig({ nextRunAt: "2026-02-01T00:00:00.000Z", enabled: false });
      for (const c of [due, later, disabled])
        await repo.recurringConfigs.create(c, f.audit("recurringConfig", c.recurringConfigId));
      expect((await repo.recurringConfigs.listDue(f.T0, {})).items.map((c) => c.recurringConfigId)).toEqual([
        due.recurringConfigId,
      ]);

      const mine = f.notification({ userId: owner, dueAt: "2026-03-01T00:00:00.000Z" });
      const future = f.notification({ userId: owner, dueAt: "2026-03-09T00:00:00.000Z" });
      const global = f.notification({ dueAt: "2026-03-01T00:00:00.000Z" });
      for (const n of [mine, future, global])
        await repo.notifications.create(n, f.audit("notification", n.notificationId));
      expect((await repo.notifications.listForUser(owner, f.T0, {})).items.map((n) => n.notificationId)).toEqual([
        mine.notificationId,
      ]);

      const trail = [
        f.audit("user", owner, { action: "user.created" }),
        f.audit("user", owner, { action: "user.updated" }),
      ];
      await repo.notifications.create(f.notification(), trail[0] ?? f.audit("user", owner));
      await repo.notifications.create(f.notification(), trail[1] ?? f.audit("user", owner));
      const owned = (await repo.auditEvents.listByEntity("user", owner, {})).items.map((e) => e.action);
      expect(owned).toEqual(["user.created", "user.created", "user.updated"]);
    });

    it("lists files, artifacts and assistant jobs by each relationship and status", async () => {
      const { bundle, tasks } = await seed([f.task(), f.task()]);
      const [a, b] = tasks as [Task, Task];
      const fileA = f.fileRecord(a.taskId);
      await repo.files.create(fileA, f.audit("file", fileA.fileId));
      await repo.files.create(f.fileRecord(b.taskId), f.audit("file", "fil_x"));
      expect((await repo.files.listByTask(a.taskId, {})).items.map((x) => x.fileId)).toEqual([fileA.fileId]);

      const job = f.assistantJob({ taskId: a.taskId, status: "queued" });
      const bundleJob = f.assistantJob({ bundleId: bundle.bundleId, status: "running" });
      for (const j of [job, bundleJob]) await repo.assistantJobs.create(j, f.audit("assistantJob", j.assistantJobId));
      expect((await repo.assistantJobs.list({ taskId: a.taskId }, {})).items.map((j) => j.assistantJobId)).toEqual([
        job.assistantJobId,
      ]);
      expect(
        (await repo.assistantJobs.list({ bundleId: bundle.bundleId }, {})).items.map((j) => j.assistantJobId),
      ).toEqual([bundleJob.assistantJobId]);
      expect((await repo.assistantJobs.list({ status: "running" }, {})).items.map((j) => j.assistantJobId)).toEqual([
        bundleJob.assistantJobId,
      ]);

      const onTask = f.artifact({ taskId: a.taskId, status: "approved" });
      const onBundle = f.artifact({ bundleId: bundle.bundleId });
      const fromJob = f.artifact({ assistantJobId: job.assistantJobId, status: "needs-review" });
      for (const x of [onTask, onBundle, fromJob]) await repo.artifacts.create(x, f.audit("artifact", x.artifactId));
      const listed = async (filter: Parameters<Repository["artifacts"]["list"]>[0]) =>
        (await repo.artifacts.list(filter, {})).items.map((x) => x.artifactId);
      expect(await listed({ taskId: a.taskId })).toEqual([onTask.artifactId]);
      expect(await listed({ bundleId: bundle.bundleId })).toEqual([onBundle.artifactId]);
      expect(await listed({ assistantJobId: job.assistantJobId })).toEqual([fromJob.artifactId]);
      expect(await listed({ status: "needs-review" })).toEqual([fromJob.artifactId]);
      const fromFile = f.artifact({ fileId: fileA.fileId, type: "recording", taskId: a.taskId, status: "approved" });
      await repo.artifacts.create(fromFile, f.audit("artifact", fromFile.artifactId));
      expect(await listed({ fileId: fileA.fileId })).toEqual([fromFile.artifactId]);
      expect(await listed({ type: "recording" })).toEqual([fromFile.artifactId]);
      expect(await listed({ taskId: a.taskId, status: "approved" })).toEqual(
        [onTask.artifactId, fromFile.artifactId].sort(),
      );
      expect(await listed({ taskId: a.taskId, type: "recording" })).toEqual([fromFile.artifactId]);
      expect(await listed({ status: "approved", type: "external-link" })).toEqual([onTask.artifactId]);

      await expect(repo.files.delete(fileA.fileId, f.audit("file", fileA.fileId))).rejects.toMatchObject({
        code: "conflict",
      });
      const loose = f.fileRecord(b.taskId);
      await repo.files.create(loose, f.audit("file", loose.fileId));
      await repo.files.delete(loose.fileId, f.audit("file", loose.fileId, { action: "file.deleted" }));
      expect(await repo.files.get(loose.fileId)).toBeUndefined();
      await expect(repo.files.delete(loose.fileId, f.audit("file", loose.fileId))).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("lists the artifacts of many tasks in one call, by task then artifact, up to a limit", async () => {
      const { tasks } = await seed([f.task(), f.task(), f.task()]);
      const [a, b, c] = tasks as [Task, Task, Task];
      const made = [
        f.artifact({ taskId: b.taskId }),
        f.artifact({ taskId: a.taskId }),
        f.artifact({ taskId: b.taskId }),
      ];
      for (const x of made) await repo.artifacts.create(x, f.audit("artifact", x.artifactId));
      const other = f.artifact({ taskId: c.taskId });
      await repo.artifacts.create(other, f.audit("artifact", other.artifactId));
      const expected = made
        .map((x) => [x.taskId ?? "", x.artifactId] as const)
        .sort((x, y) => (x[0] === y[0] ? (x[1] < y[1] ? -1 : 1) : x[0] < y[0] ? -1 : 1))
        .map(([, id]) => id);
      const all = await repo.artifacts.listForTasks([b.taskId, a.taskId, "tsk_none"], 10);
      expect(all).toEqual({ items: expect.any(Array), truncated: false });
      expect(all.items.map((x) => x.artifactId)).toEqual(expected);
      const two = await repo.artifacts.listForTasks([a.taskId, b.taskId], 2);
      expect(two.items.map((x) => x.artifactId)).toEqual(expected.slice(0, 2));
      expect(two.truncated).toBe(true);
      expect(await repo.artifacts.listForTasks([], 10)).toEqual({ items: [], truncated: false });
    });

    it("registers workflow versions: same content keeps its version, new content gets the next", async () => {
      const first = await repo.workflowVersions.register(
        f.workflowVersionCandidate("newsletter", "a"),
        f.audit("workflowVersion", "wfv_a"),
      );
      const again = await repo.workflowVersions.register(
        f.workflowVersionCandidate("newsletter", "a"),
        f.audit("workflowVersion", "wfv_b"),
      );
      expect(first.created).toBe(true);
      expect(again).toEqual({ version: first.version, created: false });
      const racing = await Promise.all(
        ["b", "c", "d", "e"].map((c) =>
          repo.workflowVersions.register(
            f.workflowVersionCandidate("newsletter", c),
            f.audit("workflowVersion", `wfv_${c}`),
          ),
        ),
      );
      expect(racing.map((r) => r.version.version).sort()).toEqual([2, 3, 4, 5]);
      expect((await repo.workflowVersions.getLatest("newsletter"))?.version).toBe(5);
      const { items } = await allPages((p) => repo.workflowVersions.listByWorkflow("newsletter", p), 2);
      expect(items.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
      expect(await repo.workflowVersions.getLatest("unknown")).toBeUndefined();
    });
  });
}
