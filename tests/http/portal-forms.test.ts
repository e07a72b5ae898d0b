import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";
import { type PortalClient, postForm, signIn, startNewsletter, taskNamed } from "./portal-client.js";

/** Form posts: every guard in front of a change, refusals beside their form, and success redirects. */
describe("portal forms", () => {
  let h: Harness;
  let operator: PortalClient;
  let viewer: PortalClient;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    operator = await signIn(h, "operator");
    viewer = await signIn(h, "viewer");
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A newsletter issue; its draft task needs the Draft link (a URL proof). */
  const newsletter = (title = "Issue 7") => startNewsletter(h, title);
  const stored = async (taskId: string) => (await h.call("GET", `/api/tasks/${taskId}`)).body;

  it("a complete that a gate refuses answers 422 with the reason beside the form, keeping what was typed", async () => {
    const b = await newsletter();
    const draft = taskNamed(b, "write-draft");
    const res = await operator.post(`/tasks/${draft.taskId}/complete`, {
      expectedVersion: String(draft.version),
      comment: "Typed before the refusal",
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('id="complete-error"');
    expect(page).toContain("required link &#39;Draft&#39; is missing");
    expect(page).toContain("Typed before the refusal</textarea>");
    expect((await stored(draft.taskId)).status).toBe("todo");
  });

  it("a success redirects to the page with a notice, so a reload does not post again", async () => {
    const b = await newsletter();
    const draft = taskNamed(b, "write-draft");
    const res = await operator.post(`/tasks/${draft.taskId}/complete`, {
      expectedVersion: String(draft.version),
      link: "https://newsletter.example.com/drafts/7",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/tasks/${draft.taskId}?notice=complete`);
    expect(await (await operator.get(res.headers.get("location") ?? "")).text()).toContain("Task completed.");
    expect((await stored(draft.taskId)).status).toBe("done");
  });

  it("a stale version is a 409 that shows the latest and keeps what was typed", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "collect-stories");
    await h.call("POST", `/api/tasks/${task.taskId}/mark-waiting`, {
      body: { expectedVersion: task.version, waitingFor: "Ada", followUpAt: "2026-03-05T10:00:00.000Z" },
    });
    await h.call("POST", `/api/tasks/${task.taskId}/response-received`, {
      body: { expectedVersion: task.version + 1 },
    });
    const res = await operator.post(`/tasks/${task.taskId}/mark-waiting`, {
      expectedVersion: String(task.version),
      waitingFor: "Grace",
      followUpAt: "2026-03-06T10:00",
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain("Someone changed this since you opened the page");
    expect(page).toContain('value="Grace"');
    expect(page).toContain(`name="expectedVersion" value="${task.version + 2}"`);
  });

  it("every guard refuses before anything changes: no token, a foreign origin, a cross-site fetch, the wrong role, no session", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "collect-stories");
    const fields = { expectedVersion: String(task.version), waitingFor: "x", followUpAt: "2026-03-06T10:00" };
    const path = `/tasks/${task.taskId}/mark-waiting`;
    const attempts = [
      await postForm(h, path, fields, { cookie: operator.cookie }),
      await postForm(h, path, { ...fields, _csrf: viewer.csrf }, { cookie: operator.cookie }),
      await operator.post(path, fields, { origin: "http://evil.example" }),
      await operator.post(path, fields, { origin: "null" }),
      await h.app.request(path, {
        method: "POST",
        headers: {
          cookie: operator.cookie,
          "sec-fetch-site": "cross-site",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ ...fields, _csrf: operator.csrf }).toString(),
      }),
      await viewer.post(path, fields),
      await postForm(h, path, { ...fields, _csrf: operator.csrf }),
    ];
    expect(attempts.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 401]);
    expect(await attempts[5]?.text()).toContain("This needs the operator role; you are viewer");
    expect((await stored(task.taskId)).status).toBe("todo");
  });

  it("a viewer sees no action buttons where an operator does", async () => {
    const b = await newsletter();
    const page = await (await viewer.get(`/tasks/${taskNamed(b, "collect-stories").taskId}`)).text();
    expect(page).not.toContain("Complete the task");
    expect(page).not.toContain("Wait on someone");
    const operatorPage = await (await operator.get(`/tasks/${taskNamed(b, "collect-stories").taskId}`)).text();
    expect(operatorPage).toContain("Complete the task");
  });

  it("text holding a NUL is refused beside its form; a body past the limit is a 413", async () => {
    const b = await newsletter();
    const task = taskNamed(b, "collect-stories");
    const nul = await operator.post(`/tasks/${task.taskId}/complete`, {
      expectedVersion: String(task.version),
      comment: "a\u0000b",
    });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain("NUL characters and lone UTF-16 surrogates are not accepted");
    const big = await operator.post(`/tasks/${task.taskId}/complete`, {
      expectedVersion: String(task.version),
      comment: "x".repeat(300_000),
    });
    expect(big.status).toBe(413);
    expect((await stored(task.taskId)).status).toBe("todo");
  });

  it("what people typed is shown as text, never as markup", async () => {
    const b = await newsletter("<script>alert(1)</script> issue");
    const page = await (await operator.get(`/bundles/${b.bundleId}`)).text();
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; issue");
  });

  it("an unknown bundle or page is a 404 page for a browser; the API keeps its JSON", async () => {
    const res = await operator.get("/bundles/bnd_nothing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const nowhere = await h.app.request("/nowhere", { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain("There is no page at /nowhere.");
    const api = await h.app.request("/api/nowhere", { headers: { accept: "text/html" } });
    expect(api.headers.get("content-type")).toMatch(/application\/json/);
  });

  it("an uploaded file becomes an artifact of its task waiting for review; a task of another bundle is refused", async () => {
    const b = await newsletter();
    const other = await newsletter("Other issue");
    const task = taskNamed(b, "write-draft");
    const upload = (taskId: string) => {
      const form = new FormData();
      form.set("_csrf", operator.csrf);
      form.set("taskId", taskId);
      form.set("type", "report");
      form.set("file", new File(["draft text"], "draft.txt", { type: "text/plain" }));
      return h.app.request(`/bundles/${b.bundleId}/files`, {
        method: "POST",
        headers: { cookie: operator.cookie, origin: "http://localhost", host: "localhost" },
        body: form,
      });
    };
    const ok = await upload(task.taskId);
    expect(ok.status).toBe(303);
    const artifacts = await h.call("GET", `/api/artifacts?taskId=${task.taskId}`);
    expect(artifacts.body.items).toMatchObject([
      { title: "draft.txt", status: "needs-review", sourceType: "manual-upload", type: "report" },
    ]);
    const refused = await upload(taskNamed(other, "write-draft").taskId);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("choose one of this bundle&#39;s tasks");
  });
});
