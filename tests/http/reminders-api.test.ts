import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/domain/notification.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { type Harness, startHarness } from "./harness.js";

const at = (hour: number) => `2026-03-02T${String(hour).padStart(2, "0")}:00:00.000Z`;

describe("HTTP: notifications, agenda, recurring configs and the scheduler tick", () => {
  let h: Harness;
  const raised: Notification[] = [];
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const viewer = h.users.viewer.userId;
    for (const [i, userId] of [viewer, viewer, undefined, h.users.operator.userId, viewer].entries()) {
      const n = f.notification({ userId, dueAt: at(i + 1), message: `reminder ${i}` });
      await h.repo.notifications.create(n, f.audit("notification", n.notificationId));
      raised.push(n);
    }
  });
  afterAll(() => h.close());
  const ids = (body: { items: Notification[] }) => body.items.map((n) => n.message);

  it("lists mine and everyone's, newest first, page by page; never someone else's", async () => {
    const first = await h.call("GET", "/api/notifications?limit=2", { as: "viewer" });
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual(["reminder 4", "reminder 2"]);
    const second = await h.call("GET", `/api/notifications?limit=2&cursor=${first.body.nextCursor}`, { as: "viewer" });
    expect(ids(second.body)).toEqual(["reminder 1", "reminder 0"]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await h.call("GET", "/api/notifications?cursor=bm9wZQ", { as: "viewer" });
    expect(bad.status).toBe(400);
    expect((await h.call("GET", "/api/notifications?includeDismissed=yes", { as: "viewer" })).status).toBe(400);
  });

  it("dismisses my own at its version; everyone's needs an operator; someone else's is not found", async () => {
    const [mine, , everyone, others] = raised as [Notification, Notification, Notification, Notification];
    const stale = await h.call("POST", `/api/notifications/${mine.notificationId}/dismiss`, {
      as: "viewer",
      body: { expectedVersion: 2 },
    });
    expect(stale.status).toBe(409);
    expect(
      (await h.call("POST", `/api/notifications/${mine.notificationId}/dismiss`, { as: "viewer", body: {} })).status,
    ).toBe(400);
    const ok = await h.call("POST", `/api/notifications/${mine.notificationId}/dismiss`, {
      as: "viewer",
      body: { expectedVersion: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, dismissedBy: h.users.viewer.userId });
    const broadcast = await h.call("POST", `/api/notifications/${everyone.notificationId}/dismiss`, {
      as: "viewer",
      body: { expectedVersion: 1 },
    });
    expect(broadcast.status).toBe(403);
    const notMine = await h.call("POST", `/api/notifications/${others.notificationId}/dismiss`, {
      as: "viewer",
      body: { expectedVersion: 1 },
    });
    expect(notMine.status).toBe(404);
    const open = await h.call("GET", "/api/notifications", { as: "viewer" });
    expect(ids(open.body)).toEqual(["reminder 4", "reminder 2", "reminder 1"]);
    const withDismissed = await h.call("GET", "/api/notifications?includeDismissed=true&limit=3", { as: "viewer" });
    const rest = await h.call(
      "GET",
      `/api/notifications?includeDismissed=true&cursor=${withDismissed.body.nextCursor}`,
      {
        as: "viewer",
      },
    );
    expect([...ids(withDismissed.body), ...ids(rest.body)]).toEqual([
      "reminder 4",
      "reminder 2",
      "reminder 1",
      "reminder 0",
    ]);
  });

  it("dismiss-all clears mine (and everyone's for an operator); the agenda counts what is left", async () => {
    const before = await h.call("GET", "/api/me/agenda", { as: "viewer" });
    expect(before.body).toMatchObject({ date: "2026-03-02", timeZone: "UTC", undismissedReminders: 3 });
    const viewerAll = await h.call("POST", "/api/notifications/dismiss-all", { as: "viewer" });
    expect(viewerAll.body).toEqual({ dismissed: 2, remaining: false });
    expect((await h.call("GET", "/api/me/agenda", { as: "viewer" })).body.undismissedReminders).toBe(1);
    const operatorAll = await h.call("POST", "/api/notifications/dismiss-all", { as: "operator" });
    expect(operatorAll.body).toEqual({ dismissed: 2, remaining: false }); // theirs and everyone's
    expect((await h.call("GET", "/api/me/agenda", { as: "viewer" })).body.undismissedReminders).toBe(0);
  });

  it("shows my tasks due today, overdue and follow-ups due in the agenda, in the team's time zone", async () => {
    const me = h.users.operator.userId;
    const b = f.bundle({ taskCount: 4, openTaskCount: 4 });
    const task = (over: object) => ({
      ...f.task(),
      bundleId: b.bundleId,
      assigneeId: me,
      status: "todo" as const,
      ...over,
    });
    const tasks = [
      task({ date: "2026-03-02", description: "today" }),
      task({ date: "2026-02-20", description: "late" }),
      task({ date: "2026-03-30", description: "later", status: "waiting", waitingFor: "x", followUpAt: at(8) }),
      task({ date: "2026-03-30", description: "not yet" }),
    ];
    await h.repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [] });
    const agenda = (await h.call("GET", "/api/me/agenda", { as: "operator" })).body;
    expect(agenda.dueToday.map((t: { description: string }) => t.description)).toEqual(["today"]);
    expect(agenda.overdue.map((t: { description: string }) => t.description)).toEqual(["late"]);
    expect(agenda.followUpsDue.map((t: { description: string }) => t.description)).toEqual(["later"]);
    const notificationsBefore = await h.repo.notifications.countUndismissed(me);
    await h.call("GET", "/api/me/agenda", { as: "operator" });
    expect(await h.repo.notifications.countUndismissed(me)).toBe(notificationsBefore); // reading never writes
  });

  it("recurring configs: viewers read, admins write; bad schedules are 400; a used config cannot be deleted", async () => {
    const body = { title: "Invoices", taskDescription: "Send invoices", cron: "0 9 1 * *", timeZone: "Europe/Berlin" };
    expect((await h.call("POST", "/api/recurring-configs", { as: "operator", body })).status).toBe(403);
    for (const bad of [
      { ...body, cron: "0 9 1 *" },
      { ...body, cron: "0 25 * * *" },
      { ...body, timeZone: "Europe/Atlantis" },
      { ...body, workflowId: "podcast-episode" },
      { title: "x", cron: "0 9 * * *" },
      { ...body, taskDescription: undefined, workflowId: "no-such-workflow" },
      { ...body, assigneeId: "usr_nobody" },
      { ...body, leadDays: -1 },
    ]) {
      const refused = await h.call("POST", "/api/recurring-configs", { body: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
    }
    const created = await h.call("POST", "/api/recurring-configs", { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      nextRunAt: "2026-04-01T07:00:00.000Z",
      runCount: 0,
      timeZone: "Europe/Berlin",
    });
    const id = created.body.recurringConfigId;
    expect((await h.call("GET", `/api/recurring-configs/${id}`, { as: "viewer" })).status).toBe(200);
    expect((await h.call("GET", "/api/recurring-configs", { as: "viewer" })).body.items).toHaveLength(1);
    const patched = await h.call("PATCH", `/api/recurring-configs/${id}`, {
      body: { expectedVersion: 1, cron: "0 9 * * MON", timeZone: "UTC" },
    });
    expect(patched.body).toMatchObject({ version: 2, nextRunAt: "2026-03-09T09:00:00.000Z" });
    expect(
      (await h.call("PATCH", `/api/recurring-configs/${id}`, { as: "viewer", body: { expectedVersion: 2 } })).status,
    ).toBe(403);

    // Run it once: now it has created work, and deleting it is refused.
    h.setNow("2026-03-09T09:00:00.000Z");
    const tick = await h.call("POST", "/api/scheduler/tick");
    expect(tick.status).toBe(200);
    expect(tick.body).toMatchObject({ tasks: 1, leaseHeld: false });
    const used = await h.call("GET", `/api/recurring-configs/${id}`);
    const refused = await h.call("DELETE", `/api/recurring-configs/${id}?expectedVersion=${used.body.version}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("disable it instead");
    const fresh = await h.call("POST", "/api/recurring-configs", { body });
    expect(
      (await h.call("DELETE", `/api/recurring-configs/${fresh.body.recurringConfigId}?expectedVersion=1`)).status,
    ).toBe(204);
    expect((await h.call("GET", `/api/recurring-configs/${fresh.body.recurringConfigId}`)).status).toBe(404);
    h.setNow("2026-03-02T09:00:00.000Z");
  });

  it("keeps the scheduler's idempotency keys for the scheduler, and the largest page works", async () => {
    for (const key of ["schedule:podcast-episode:2026-03-23", "recurring:rec_x@2026-03-02T09:00:00.000Z"]) {
      const refused = await h.call("POST", "/api/bundles", {
        headers: { "idempotency-key": key },
        body: { title: "Squatter", anchorDate: "2026-03-23" },
      });
      expect(refused.status).toBe(400);
    }
    expect((await h.call("GET", "/api/notifications?limit=500&includeDismissed=true", { as: "viewer" })).status).toBe(
      200,
    );
    const zone = await h.call("POST", "/api/recurring-configs", {
      body: { title: "Zone", taskDescription: "x", cron: "0 9 * * *", timeZone: "europe/berlin" },
    });
    expect(zone.body.timeZone).toBe("Europe/Berlin");
  });

  it("runs a tick only for admins", async () => {
    for (const as of ["operator", "viewer"] as const)
      expect((await h.call("POST", "/api/scheduler/tick", { as })).status).toBe(403);
    expect((await h.call("POST", "/api/scheduler/tick", { as: null })).status).toBe(401);
  });
});
