import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ContentCatalog } from "../../src/content/load-content.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { ConflictError } from "../../src/domain/errors.js";
import type { User } from "../../src/domain/user.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { scheduleKey } from "../../src/scheduler/scheduled-workflows.js";
import { runTick } from "../../src/scheduler/tick.js";
import { createRecurringConfig, deleteRecurringConfig } from "../../src/services/recurring/recurring-configs.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { movableCtx, withoutWorkflows } from "./scheduler-ctx.js";

const tick = (ctx: Ctx) => runTick(ctx, { log: silentLogger });

describe("recurring configs and scheduled workflows", () => {
  let repo: Repository;
  let catalog: ContentCatalog;
  let admin: User;
  let worker: User;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });
  beforeEach(async () => {
    repo = await pgliteBackend.open();
    admin = f.user({ role: "admin" });
    worker = f.user({ role: "operator" });
    for (const u of [admin, worker]) await repo.users.create(u, f.audit("user", u.userId));
  });
  afterEach(() => repo.close());

  it("creates a task once per occurrence, reminds its assignee, and after downtime catches up with the latest only", async () => {
    const clock = movableCtx(repo, withoutWorkflows(catalog), "2026-03-01T12:00:00.000Z");
    const config = await createRecurringConfig(
      { ...clock.ctx, actor: admin },
      {
        title: "Backups",
        taskDescription: "Check last night's backups",
        assigneeId: worker.userId,
        cron: "0 9 * * *",
        timeZone: "Europe/Berlin",
      },
    );
    expect(config.nextRunAt).toBe("2026-03-02T08:00:00.000Z"); // 09:00 in Berlin
    expect(await tick(clock.ctx)).toMatchObject({ tasks: 0 });
    expect(await tick(clock.at("2026-03-02T08:00:00.000Z"))).toMatchObject({ tasks: 1, notifications: 2 });
    expect(await tick(clock.ctx)).toMatchObject({ tasks: 0, notifications: 0 });
    const { items } = await repo.tasks.listByAssignee(worker.userId, undefined, {});
    expect(items.map((t) => [t.date, t.source, t.recurringConfigId])).toEqual([
      ["2026-03-02", "recurring", config.recurringConfigId],
    ]);
    const reminders = await repo.notifications.listForRecipient(worker.userId, false, undefined, 10);
    expect(reminders.map((n) => n.type).sort()).toEqual(["recurring-due", "task-due"]);

    // Down from Monday to Friday noon: Friday's occurrence is created, Tuesday to Thursday are skipped.
    await tick(clock.at("2026-03-06T12:00:00.000Z"));
    const after = await repo.recurringConfigs.get(config.recurringConfigId);
    expect(after).toMatchObject({ runCount: 2, skippedCount: 3, nextRunAt: "2026-03-07T08:00:00.000Z" });
    expect((await repo.tasks.listByAssignee(worker.userId, undefined, {})).items.map((t) => t.date)).toEqual([
      "2026-03-02",
      "2026-03-06",
    ]);
    await expect(
      deleteRecurringConfig({ ...clock.ctx, actor: admin }, config.recurringConfigId, after?.version ?? 0),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("creates a bundle leadDays ahead from a workflow, and reports a generation that fails to admins once", async () => {
    const clock = movableCtx(repo, withoutWorkflows(catalog), "2026-03-01T12:00:00.000Z");
    await registerWorkflowVersions({ ...clock.ctx, catalog });
    const broken = await createRecurringConfig(
      { ...clock.ctx, actor: admin },
      { title: "Episode", workflowId: "podcast-episode", cron: "0 9 * * 1", leadDays: 7 },
    );
    // podcast-episode's tasks are assigned to usr_host and usr_editor, who do not exist yet.
    const failed = await tick(clock.at(broken.nextRunAt));
    expect(failed).toMatchObject({ bundles: 0, failures: 1, notifications: 1 });
    const [report] = await repo.notifications.listForRecipient(admin.userId, false, undefined, 10);
    expect(report).toMatchObject({ type: "automation-failure" });
    expect(report?.message).toContain("usr_host");
    expect((await repo.recurringConfigs.get(broken.recurringConfigId))?.runCount).toBe(0);

    for (const userId of ["usr_host", "usr_editor"])
      await repo.users.create(f.user({ userId }), f.audit("user", userId));
    const next = (await repo.recurringConfigs.get(broken.recurringConfigId))?.nextRunAt ?? "";
    expect(await tick(clock.at(next))).toMatchObject({ bundles: 1, failures: 0 });
    const { items } = await repo.bundles.list({ workflowId: "podcast-episode" }, {});
    expect(items.map((b) => b.anchorDate)).toEqual(["2026-03-16"]); // created 7 days ahead of a Monday
  });

  it("starts the scheduled podcast bundle 21 days ahead of a Monday, exactly once across ticks and restarts", async () => {
    for (const userId of ["usr_host", "usr_editor", "usr_accountant"])
      await repo.users.create(f.user({ userId }), f.audit("user", userId));
    // Sunday evening: Monday 2026-03-23 is 22 days ahead, one day too far.
    const clock = movableCtx(repo, catalog, "2026-03-01T20:00:00.000Z");
    await registerWorkflowVersions(clock.ctx);
    const podcast = () => repo.bundles.list({ workflowId: "podcast-episode" }, {});
    await tick(clock.ctx);
    expect((await podcast()).items.map((b) => b.anchorDate)).toEqual(["2026-03-16"]);
    // Monday 09:00: Monday 2026-03-23 09:00 is now exactly 21 days ahead.
    const monday = await tick(clock.at("2026-03-02T09:00:00.000Z"));
    expect(monday.bundles).toBe(1);
    await tick(clock.at("2026-03-02T09:01:00.000Z"));
    // A restart: a new context (new ID generator, nothing in memory) over the same store.
    const restarted = movableCtx(repo, catalog, "2026-03-02T10:00:00.000Z");
    expect((await tick(restarted.ctx)).bundles).toBe(0);
    const anchors = (await podcast()).items.map((b) => b.anchorDate).sort();
    expect(anchors).toEqual(["2026-03-16", "2026-03-23"]);
    const bundle = await repo.bundles.getByIdempotencyKey(scheduleKey("podcast-episode", "2026-03-23"));
    expect(bundle?.anchorDate).toBe("2026-03-23");
    expect(bundle?.createdBy).toBeUndefined(); // the system started it
  });
});
