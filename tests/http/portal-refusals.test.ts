import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { type Harness, startHarness } from "./harness.js";
import { type PortalClient, postForm, signIn, startNewsletter, taskNamed } from "./portal-client.js";

/** Refusals that must neither lose what was typed, nor write anything, nor answer a 500. */
describe("portal refusals", () => {
  let h: Harness;
  let operator: PortalClient;
  let viewer: PortalClient;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend, { maxFileBytes: 64 * 1024 });
    operator = await signIn(h, "operator");
    viewer = await signIn(h, "viewer");
  });
  afterAll(async () => {
    await h?.close();
  });

  const newsletter = (title = "Issue 9") => startNewsletter(h, title);

  it("a refusal whose form is gone (the task moved on) is said at the top with what was typed", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "collect-stories");
    await h.call("POST", `/api/tasks/${task.taskId}/complete`, { body: { expectedVersion: task.version } });
    const res = await operator.post(`/tasks/${task.taskId}/complete`, {
      expectedVersion: String(task.version),
      comment: "My long note about the stories",
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain("Someone changed this since you opened the page");
    expect(page).toContain("What you typed was not saved:");
    expect(page).toContain("My long note about the stories");
  });

  it("a body that is not a form is a 400 page, signed in or not; a field name holding NUL is refused", async () => {
    const garbage = {
      "content-type": "multipart/form-data; boundary=XYZ",
      origin: "http://localhost",
      host: "localhost",
    };
    const signInRes = await h.app.request("/sign-in", { method: "POST", headers: garbage, body: "garbage" });
    expect(signInRes.status).toBe(400);
    expect(await signInRes.text()).toContain("the form could not be read");
    const task = taskNamed(await newsletter(), "collect-stories");
    const action = await h.app.request(`/tasks/${task.taskId}/complete`, {
      method: "POST",
      headers: { ...garbage, cookie: operator.cookie },
      body: "garbage",
    });
    expect(action.status).toBe(400);
    const nulName = await operator.post(`/tasks/${task.taskId}/complete`, { expectedVersion: "1", "x\u0000": "y" });
    expect(nulName.status).toBe(400);
    expect((await h.call("GET", `/api/tasks/${task.taskId}`)).body.status).toBe("todo");
  });

  it("an address with an over-long ID or a NUL is a 400 page, not a lookup", async () => {
    expect((await operator.get(`/tasks/${"t".repeat(201)}`)).status).toBe(400);
    expect((await operator.get("/bundles?status=%00")).status).toBe(400);
    expect((await operator.get(`/bundles?cursor=${"c".repeat(2001)}`)).status).toBe(400);
  });

  it("only this site's paths are followed after sign-in: no tab, newline or control character gets through", async () => {
    for (const next of ["/\t/evil.example", "/%09/evil.example", "/\n/x", "/\u000b", "/ok\u007f"]) {
      const posted = await postForm(h, "/sign-in", { token: h.tokens.viewer, next });
      expect(posted.status, JSON.stringify(next)).toBe(303);
      expect(posted.headers.get("location")).toBe(next === "/%09/evil.example" ? next : "/");
    }
    const signedIn = await viewer.get(`/sign-in?next=${encodeURIComponent("/\t/evil.example")}`);
    expect(signedIn.headers.get("location")).toBe("/");
    const fine = await viewer.get(`/sign-in?next=${encodeURIComponent("/bundles?status=completed")}`);
    expect(fine.headers.get("location")).toBe("/bundles?status=completed");
  });

  it("a link registered for another bundle's task is refused and writes nothing", async () => {
    const mine = await newsletter("Mine");
    const theirs = await newsletter("Theirs");
    const foreign = taskNamed(theirs, "write-draft");
    const res = await operator.post(`/bundles/${mine.bundleId}/artifacts`, {
      title: "Draft",
      storageUri: "https://docs.example.com/d/1",
      type: "external-link",
      taskId: foreign.taskId,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("choose one of this bundle&#39;s tasks");
    expect((await h.call("GET", `/api/artifacts?taskId=${foreign.taskId}`)).body.items).toEqual([]);
  });

  it("a refused upload stores no file; one past the size limit is a 413", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "write-draft");
    const upload = (type: string, bytes: number) => {
      const form = new FormData();
      form.set("_csrf", operator.csrf);
      form.set("taskId", task.taskId);
      form.set("type", type);
      form.set("file", new File(["x".repeat(bytes)], "draft.txt", { type: "text/plain" }));
      return h.app.request(`/bundles/${b.bundleId}/files`, {
        method: "POST",
        headers: { cookie: operator.cookie, origin: "http://localhost", host: "localhost" },
        body: form,
      });
    };
    for (const type of ["bogus", "assistant-output"]) expect((await upload(type, 10)).status).toBe(400);
    expect((await upload("report", 400 * 1024)).status).toBe(413);
    expect((await h.call("GET", `/api/files?taskId=${task.taskId}`)).body.items).toEqual([]);
  });

  it("approve and reject find the artifact's bundle themselves and say what they did", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "write-draft");
    const make = async () =>
      (
        await h.call("POST", "/api/artifacts", {
          body: {
            type: "external-link",
            title: "Draft",
            storageUri: "https://docs.example.com/d/2",
            taskId: task.taskId,
            status: "needs-review",
          },
        })
      ).body;
    const approved = await operator.post(`/artifacts/${(await make()).artifactId}/approve`, { expectedVersion: "1" });
    expect(approved.headers.get("location")).toBe(`/bundles/${b.bundleId}/artifacts?notice=approve`);
    const rejected = await operator.post(`/artifacts/${(await make()).artifactId}/reject`, {
      expectedVersion: "1",
      reason: "blurry",
    });
    expect(rejected.headers.get("location")).toBe(`/bundles/${b.bundleId}/artifacts?notice=reject`);
    expect(await (await operator.get(rejected.headers.get("location") ?? "")).text()).toContain("Artifact rejected.");
    expect(await (await operator.get("/?notice=constructor")).text()).not.toContain('class="notice"');
  });

  it("a workflow step's task is completed with an outcome and offers no reopen once done", async () => {
    const started = await h.call("POST", "/api/bundles", {
      body: {
        workflowId: "expense-approval",
        title: "Tickets",
        anchorDate: "2026-03-20",
        input: { amount: 2500, description: "Conference tickets" },
      },
    });
    const [task] = started.body.tasks as { taskId: string; version: number }[];
    if (!task) throw new Error("the approval step made a task");
    const form = await (await operator.get(`/tasks/${task.taskId}`)).text();
    expect(form).toContain('<option value="approved">approved</option>');
    const done = await operator.post(`/tasks/${task.taskId}/complete`, {
      expectedVersion: String(task.version),
      outcome: "approved",
    });
    expect(done.status).toBe(303);
    const after = await (await operator.get(`/tasks/${task.taskId}`)).text();
    expect(after).toContain("outcome: approved");
    expect(after).not.toContain("Reopen the task");
  });

  it("a viewer sees Dismiss on their own reminders only, not on one to everyone", async () => {
    const own = f.notification({
      userId: h.users.viewer.userId,
      message: "Yours to dismiss",
      dueAt: "2026-03-01T00:00:00.000Z",
    });
    const team = f.notification({ message: "Everyone's reminder", dueAt: "2026-03-01T00:00:00.000Z" });
    for (const n of [own, team]) await h.repo.notifications.create(n, f.audit("notification", n.notificationId));
    const page = await (await viewer.get("/")).text();
    expect(page).toContain(`/notifications/${own.notificationId}/dismiss`);
    expect(page).not.toContain(`/notifications/${team.notificationId}/dismiss`);
    expect(await (await operator.get("/")).text()).toContain(`/notifications/${team.notificationId}/dismiss`);
  });
});
