import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("HTTP: request logs and request ids", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
  });
  afterAll(() => h?.close());

  /** The log lines the request with this id wrote, parsed. */
  const linesOf = (requestId: string) =>
    h.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.requestId === requestId);

  it("logs one JSON line per request with its id, route pattern, status, duration and user, and echoes the id", async () => {
    const task = await h.call("POST", "/api/tasks", { body: { description: "logged", date: "2026-03-02" } });
    const res = await h.request("GET", `/api/tasks/${task.body.taskId}?note=query-value-42`, {
      headers: { "x-request-id": "client-chosen_id-1=" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("client-chosen_id-1=");
    const lines = linesOf("client-chosen_id-1=");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "info",
      msg: "request",
      requestId: "client-chosen_id-1=",
      method: "GET",
      route: "/api/tasks/:id",
      status: 200,
      durationMs: expect.any(Number),
      userId: h.users.admin.userId,
    });
  });

  it("never logs a token, a body, a path or query value", async () => {
    const before = h.logLines.length;
    const secretBody = "body-secret-7f3a";
    await h.call("POST", "/api/tasks", { body: { description: secretBody, date: "2026-03-02" } });
    await h.call("GET", "/api/tasks?date=2026-03-02&limit=7&cursor=cursor-secret", {});
    await h.call("GET", "/api/tasks/tsk_path-secret", {});
    await h.call("GET", "/api/me", { headers: { authorization: "Bearer not-a-real-token-secret" }, as: null });
    const written = h.logLines.slice(before).join("");
    for (const secret of [...Object.values(h.tokens), secretBody, "cursor-secret", "path-secret", "real-token-secret"])
      expect(written).not.toContain(secret);
    expect(written).not.toContain("2026-03-02");
  });

  it("generates an id when the incoming one is malformed, and logs no user for an anonymous request", async () => {
    for (const bad of ["has space", "semi;colon", "x".repeat(129)]) {
      const res = await h.request("GET", "/api/health", { as: null, headers: { "x-request-id": bad } });
      const id = res.headers.get("x-request-id") ?? "";
      expect(id).toMatch(UUID);
      expect(linesOf(id)[0]).toMatchObject({ route: "/api/health", status: 200 });
      expect(linesOf(id)[0]).not.toHaveProperty("userId");
    }
    const kept = "y".repeat(128);
    expect(
      (await h.request("GET", "/api/health", { headers: { "x-request-id": kept } })).headers.get("x-request-id"),
    ).toBe(kept);
  });

  it("carries the request id in every error envelope: 400, 401, 404 and an unknown route", async () => {
    const answers = [
      await h.request("POST", "/api/tasks", { body: { description: "" } }),
      await h.request("GET", "/api/me", { as: null }),
      await h.request("GET", "/api/tasks/tsk_missing"),
      await h.request("GET", "/api/no-such-route"),
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 401, 404, 404]);
    for (const res of answers) {
      const id = res.headers.get("x-request-id") ?? "";
      expect(id).toMatch(UUID);
      expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    }
    const unrouted = answers[3]?.headers.get("x-request-id") ?? "";
    expect(linesOf(unrouted)[0]).toMatchObject({ route: null, status: 404 });
  });

  it("logs an unexpected error with its request id and without the failed query's parameters", async () => {
    const get = h.repo.tasks.get;
    h.repo.tasks.get = async () => {
      throw new Error('Failed query: select "task_id" from "tasks" where "task_id" = $1\nparams: tsk_param-secret');
    };
    try {
      const res = await h.request("GET", "/api/tasks/tsk_whatever", { headers: { "x-request-id": "failing-1" } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: { code: "internal", message: "internal error", details: {}, requestId: "failing-1" },
      });
      const [error, line] = linesOf("failing-1");
      expect(error).toMatchObject({ level: "error", msg: "unexpected error", method: "GET" });
      expect(String(error?.error)).toContain("Failed query");
      expect(line).toMatchObject({ msg: "request", route: "/api/tasks/:id", status: 500 });
      expect(h.logLines.join("")).not.toContain("param-secret");
    } finally {
      h.repo.tasks.get = get;
    }
  });
});
