import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ContentCatalog } from "../../src/content/load-content.js";
import type { Ctx } from "../../src/domain/ctx.js";
import type { Notification } from "../../src/domain/notification.js";
import type { Task } from "../../src/domain/task.js";
import type { User } from "../../src/domain/user.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { runTick } from "../../src/scheduler/tick.js";
import { transitionTask } from "../../src/services/transition-task.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { movableCtx, withoutWorkflows } from "./scheduler-ctx.js";

const MON = "2026-03-02T09:00:00.000Z";
const day = (n: number, time = "09:00:00.000Z") => `2026-03-${String(2 + n).padStart(2, "0")}T${time}`;

describe("reminders raised by the scheduler tick", () => {
  let repo: Repository;
  let catalog: ContentCatalog;
  let assignee: User;
  let creator: User;
  beforeAll(async () => {
    catalog = withoutWorkflows(await loadCatalog());
  });
  beforeEach(async () => {
    repo = await pgliteBackend.open();
    assignee = f.user({ name: "Assignee" });
    creator = f.user({ name: "Creator" });
    for (const u of [assignee, creator]) await repo.users.create(u, f.audit("user", u.userId));
  });
  afterAll(() => repo?.close());

  async function seed(tasks: Partial<Task>[], bundleOver: Record<string, unknown> = {}) {
    const b = f.bundle({
      createdBy: creator.userId,
      taskCount: tasks.length,
      openTaskCount: tasks.length,
      ...bundleOver,
    });
    const made = tasks.map((over, i) => ({
      ...f.task(),
      bundleId: b.bundleId,
      taskOrder: i,
      status: "todo" as const,
      proofRequirement: undefined,
      requiredLinkName: undefined,
      requiresFile: false,
      validation: undefined,
      waitingFor: undefined,
      followUpAt: undefined,
      assigneeId: assignee.userId,
      ...over,
    }));
    await repo.bundles.createWithTasks({ bundle: b, tasks: made, taskEvents: [], audit: [] });
    return { bundle: b, tasks: made };
  }
  const tick = (ctx: Ctx) => runTick(ctx, { log: silentLogger });
  async function all(): Promise<Notification[]> {
    const mine = await repo.notifications.listForRecipient(assignee.userId, false, undefined, 500);
    const creators = await repo.notifications.listForRecipient(creator.userId, false, undefined, 500);
    const everyone = await repo.notifications.listForRecipient(undefined, false, undefined, 500);
    const dismissed = [
      ...(await repo.notifications.listForRecipient(assignee.userId, true, undefined, 500)),
      ...(await repo.notifications.listForRecipient(undefined, true, undefined, 500)),
    ];
    return [...mine, ...creators, ...everyone, ...dismissed];
  }
  const ofType = async (type: string) => (await all()).filter((n) => n.type === type);

  it("task-due: once per task and date, to the assignee, else the bundle's creator, else everyone", async () => {
    const { tasks } = await seed([
      { date: "2026-03-02" },
      { date: "2026-03-02", assigneeId: undefined },
      { date: "2026-03-02", status: "done" },
      { date: "2026-03-03" },
    ]);
    const loose = {
      ...f.task(),
      bundleId: undefined,
      date: "2026-03-02",
      assigneeId: undefined,
      status: "todo" as const,
    };
    await repo.tasks.create({ task: loose, audit: f.audit("task", loose.taskId) });
    const { ctx } = movableCtx(repo, catalog, MON);
    const first = await tick(ctx);
    expect(first.leaseHeld).toBe(false);
    const due = await ofType("task-due");
    expect(due.map((n) => [n.taskId, n.userId]).sort()).toEqual(
      [
        [tasks[0]?.taskId, assignee.userId],
        [tasks[1]?.taskId, creator.userId],
        [loose.taskId, undefined],
      ].sort(),
    );
    expect(due[0]?.dedupeKey).toMatch(/^task-due:tsk_.+:2026-03-02$/);
    expect((await tick(ctx)).notifications).toBe(0); // raised once
    expect(await ofType("task-due")).toHaveLength(3);
  });

  it("a dismissed reminder is not raised again for the same key", async () => {
    await seed([{ date: "2026-03-02" }]);
    const { ctx } = movableCtx(repo, catalog, MON);
    await tick(ctx);
    const [reminder] = await ofType("task-due");
    if (!reminder) throw new Error("no reminder");
    await repo.notifications.update(
      { ...reminder, dismissedAt: MON, dismissedBy: assignee.userId, version: 2 },
      1,
      f.audit("notification", reminder.notificationId),
    );
    expect((await tick(ctx)).notifications).toBe(0);
    expect(await repo.notifications.countUndismissed(assignee.userId)).toBe(0);
  });

  it("task-overdue: the day after, then again every OVERDUE_REPEAT_DAYS while open, and not once done", async () => {
    const { tasks } = await seed([{ date: "2026-03-01" }]);
    const clock = movableCtx(repo, catalog, MON, { overdueRepeatDays: 2 });
    await tick(clock.ctx);
    expect((await ofType("task-overdue")).map((n) => n.dedupeKey)).toEqual([
      `task-overdue:${tasks[0]?.taskId}:2026-03-01:0`,
    ]);
    await tick(clock.at(day(1))); // 2 days late: same period
    expect(await ofType("task-overdue")).toHaveLength(1);
    await tick(clock.at(day(2))); // 3 days late: the next period
    expect((await ofType("task-overdue")).map((n) => n.dedupeKey).sort()).toEqual([
      `task-overdue:${tasks[0]?.taskId}:2026-03-01:0`,
      `task-overdue:${tasks[0]?.taskId}:2026-03-01:1`,
    ]);
    const task = (await repo.tasks.get(tasks[0]?.taskId ?? "")) as Task;
    await repo.tasks.update({
      task: { next: { ...task, status: "done", version: 2 }, expectedVersion: 1 },
      audit: f.audit("task", task.taskId),
    });
    await tick(clock.at(day(4)));
    expect(await ofType("task-overdue")).toHaveLength(2);
  });

  it("follow-up-due: once the time passes, and again when a new follow-up time is set and passes", async () => {
    const { tasks } = await seed([
      { date: "2026-03-20", status: "waiting", waitingFor: "the sponsor", followUpAt: day(0, "08:00:00.000Z") },
      { date: "2026-03-20", status: "waiting", waitingFor: "later", followUpAt: day(0, "10:00:00.000Z") },
    ]);
    const clock = movableCtx(repo, catalog, MON);
    await tick(clock.ctx);
    const [first] = await ofType("follow-up-due");
    expect(first).toMatchObject({ taskId: tasks[0]?.taskId, userId: assignee.userId });
    expect(first?.message).toContain("waiting for the sponsor");
    expect(await ofType("follow-up-due")).toHaveLength(1);
    await tick(clock.ctx);
    expect(await ofType("follow-up-due")).toHaveLength(1);

    const operator = f.user({ role: "operator" });
    await repo.users.create(operator, f.audit("user", operator.userId));
    await transitionTask({ ...clock.ctx, actor: operator }, tasks[0]?.taskId ?? "", "follow-up-sent", {
      expectedVersion: 1,
      note: "asked again by email",
      nextFollowUpAt: day(1, "08:00:00.000Z"),
    });
    await tick(clock.at(day(0, "11:00:00.000Z"))); // the second task's time has passed too
    expect(await ofType("follow-up-due")).toHaveLength(2);
    await tick(clock.at(day(1, "09:00:00.000Z")));
    const keys = (await ofType("follow-up-due")).map((n) => n.dedupeKey).sort();
    expect(keys).toHaveLength(3);
    expect(keys).toContain(`follow-up-due:${tasks[0]?.taskId}:${day(1, "08:00:00.000Z")}`);
  });

  it("missing-evidence: an open task with unmet proof within MISSING_EVIDENCE_DAYS of its date", async () => {
    const proof = { type: "url" as const, label: "Episode page", required: true };
    const { tasks } = await seed([
      { date: "2026-03-04", proofRequirement: proof }, // two days ahead: in the window
      { date: "2026-03-05", proofRequirement: proof }, // three days ahead: not yet
      { date: "2026-03-04", proofRequirement: proof, link: "https://example.com/ep" }, // proof met
      { date: "2026-03-04" }, // no proof asked
    ]);
    const clock = movableCtx(repo, catalog, MON);
    await tick(clock.ctx);
    const raised = await ofType("missing-evidence");
    expect(raised.map((n) => n.taskId)).toEqual([tasks[0]?.taskId]);
    expect(raised[0]?.message).toContain("Episode page");
    await tick(clock.at(day(1)));
    expect((await ofType("missing-evidence")).map((n) => n.taskId).sort()).toEqual(
      [tasks[0]?.taskId, tasks[1]?.taskId].sort(),
    );
  });

  it("stage-change: written with the completion that moves the stage, to the people with open tasks", async () => {
    const other = f.user({ name: "Other" });
    const operator = f.user({ role: "operator" });
    for (const u of [other, operator]) await repo.users.create(u, f.audit("user", u.userId));
    const { bundle, tasks } = await seed([
      { date: "2026-03-02", stageOnComplete: "announced", assigneeId: operator.userId },
      { date: "2026-03-09", assigneeId: other.userId, phase: "outreach" },
      { date: "2026-03-09", assigneeId: assignee.userId },
    ]);
    const { ctx } = movableCtx(repo, catalog, MON);
    await transitionTask({ ...ctx, actor: operator }, tasks[0]?.taskId ?? "", "complete", { expectedVersion: 1 });
    expect((await repo.bundles.get(bundle.bundleId))?.stage).toBe("announced");
    const stage = [
      ...(await repo.notifications.listForRecipient(other.userId, false, undefined, 10)),
      ...(await repo.notifications.listForRecipient(assignee.userId, false, undefined, 10)),
      ...(await repo.notifications.listForRecipient(operator.userId, false, undefined, 10)),
    ].filter((n) => n.type === "stage-change");
    expect(stage.map((n) => n.userId).sort()).toEqual([other.userId, assignee.userId].sort());
    expect(stage[0]?.message).toContain("moved from preparation to announced");
  });

  it("missing-evidence for a bundle: a required link still empty when the stage reaches its phase", async () => {
    const operator = f.user({ role: "operator" });
    await repo.users.create(operator, f.audit("user", operator.userId));
    const candidate = f.workflowVersionCandidate("wf-links");
    candidate.definition = {
      ...candidate.definition,
      stages: ["preparation", "announced", "done"],
      phases: [{ id: "release", name: "Release", stage: "announced" }],
    };
    const { version: registered } = await repo.workflowVersions.register(
      candidate,
      f.audit("workflowVersion", candidate.workflowVersionId),
    );
    const { bundle, tasks } = await seed(
      [
        { date: "2026-03-02", stageOnComplete: "announced", assigneeId: operator.userId },
        { date: "2026-03-09", phase: "release", validation: { requiredBundleLinks: ["Episode page"] } },
      ],
      {
        workflowId: registered.workflowId,
        workflowVersionId: registered.workflowVersionId,
        links: [{ name: "Episode page", url: "", required: true }],
      },
    );
    const { ctx } = movableCtx(repo, catalog, MON);
    await transitionTask({ ...ctx, actor: operator }, tasks[0]?.taskId ?? "", "complete", { expectedVersion: 1 });
    const missing = (await ofType("missing-evidence")).filter((n) => n.bundleId === bundle.bundleId && !n.taskId);
    expect(missing.map((n) => [n.userId, n.dedupeKey])).toEqual([
      [assignee.userId, `missing-evidence:${bundle.bundleId}:link:Episode page:${assignee.userId}`],
    ]);
  });

  it("reading never writes: a tick that finds nothing due raises nothing", async () => {
    await seed([{ date: "2026-04-01" }, { date: "2026-02-01", status: "done" }]);
    const { ctx } = movableCtx(repo, catalog, MON);
    expect(await tick(ctx)).toMatchObject({ notifications: 0, tasks: 0, bundles: 0, failures: 0 });
    expect(await all()).toEqual([]);
  });
});
