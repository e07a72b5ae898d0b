import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import type { Notification } from "../../src/domain/notification.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { runDueWork, runTick, TICK_LEASE } from "../../src/scheduler/tick.js";
import { createRecurringConfig } from "../../src/services/recurring/recurring-configs.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { type Backend, dynamoBackend, postgresBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { movableCtx } from "./scheduler-ctx.js";

const NOW = "2026-03-02T09:00:00.000Z";

/** Everything a tick writes is keyed: two doing the work at once still write it once. */
function concurrentTicks(backend: Backend) {
  describe(`${backend.name}: two scheduler ticks at once`, () => {
    let repo: Repository;
    let ctx: Ctx;
    const admin = f.user({ role: "admin" });
    beforeAll(async () => {
      repo = await backend.open();
      for (const u of [admin, ...["usr_host", "usr_editor", "usr_accountant"].map((userId) => f.user({ userId }))])
        await repo.users.create(u, f.audit("user", u.userId));
      ctx = movableCtx(repo, await loadCatalog(), NOW).ctx;
      await registerWorkflowVersions(ctx);
      const b = f.bundle({ createdBy: admin.userId, taskCount: 30, openTaskCount: 30 });
      const tasks = Array.from({ length: 30 }, (_, i) => ({
        ...f.task(),
        bundleId: b.bundleId,
        taskOrder: i,
        status: "todo" as const,
        date: i % 2 === 0 ? "2026-03-02" : "2026-02-27",
        assigneeId: admin.userId,
        proofRequirement: undefined,
        requiredLinkName: undefined,
      }));
      await repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [] });
      const setup = movableCtx(repo, ctx.catalog, "2026-03-01T12:00:00.000Z").ctx;
      await createRecurringConfig(
        { ...setup, actor: admin },
        { title: "Daily check", taskDescription: "Check", assigneeId: admin.userId, cron: "0 9 * * *" },
      );
    });
    afterAll(() => repo.close());

    it("raises no duplicate notification, task or bundle when both do the work", async () => {
      const [a, b] = await Promise.all([
        runDueWork(ctx, { log: silentLogger }, "holder-a"),
        runDueWork(ctx, { log: silentLogger }, "holder-b"),
      ]);
      expect(a.failures + b.failures).toBe(0);
      const notifications: Notification[] = [
        ...(await repo.notifications.listForRecipient(admin.userId, false, undefined, 500)),
        ...(await repo.notifications.listForRecipient(undefined, false, undefined, 500)),
      ];
      const keys = notifications.map((n) => n.dedupeKey);
      expect(new Set(keys).size).toBe(keys.length);
      // 15 due today, 15 overdue, one recurring task due today and its recurring-due reminder.
      expect(notifications.filter((n) => n.type === "task-due")).toHaveLength(16);
      expect(notifications.filter((n) => n.type === "task-overdue")).toHaveLength(15);
      expect(notifications.filter((n) => n.type === "recurring-due")).toHaveLength(1);
      const recurring = (await repo.tasks.listForDate("2026-03-02", { limit: 500 })).items.filter(
        (t) => t.source === "recurring",
      );
      expect(recurring).toHaveLength(1);
      const podcast = await repo.bundles.list({ workflowId: "podcast-episode" }, {});
      const newsletter = await repo.bundles.list({ workflowId: "newsletter-issue" }, {});
      expect(podcast.items).toHaveLength(1);
      expect(newsletter.items).toHaveLength(1);
      expect(a.tasks + b.tasks).toBe(1);
    });

    it("a tick that finds the lease held does nothing", async () => {
      await repo.schedulerLeases.acquire(TICK_LEASE, "someone-else", NOW, "2026-03-03T09:05:00.000Z");
      const result = await runTick(movableCtx(repo, ctx.catalog, "2026-03-03T09:00:00.000Z").ctx, {
        log: silentLogger,
      });
      expect(result).toEqual({
        notifications: 0,
        tasks: 0,
        bundles: 0,
        runs: 0,
        logsPurged: 0,
        sessionsPurged: 0,
        failures: 0,
        emails: 0,
        leaseHeld: true,
      });
      await repo.schedulerLeases.release(TICK_LEASE, "someone-else");
    });
  });
}

concurrentTicks(postgresBackend);
concurrentTicks(dynamoBackend);
