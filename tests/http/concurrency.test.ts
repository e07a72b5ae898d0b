import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`HTTP on ${backend.name}: 20 parallel completions of one task version`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    it("lets exactly one through, answers 409 to the rest, and keeps the bundle counters right", async () => {
      const { bundle, tasks } = (
        await h.call("POST", "/api/bundles", {
          body: { workflowId: "newsletter-issue", title: "Race", anchorDate: "2026-03-12" },
        })
      ).body;
      const target = tasks.find((t: { templateTaskRef: string }) => t.templateTaskRef === "collect-stories");
      const sibling = tasks.find((t: { templateTaskRef: string }) => t.templateTaskRef === "events-section");
      const results = await Promise.all([
        ...Array.from({ length: 20 }, () =>
          h.call("POST", `/api/tasks/${target.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } }),
        ),
        h.call("POST", `/api/tasks/${sibling.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } }),
      ]);
      const raced = results.slice(0, 20);
      expect(raced.filter((r) => r.status === 200)).toHaveLength(1);
      expect(raced.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
        Array(19).fill("version_conflict"),
      );
      expect(results[20]?.status).toBe(200); // another task of the same bundle is not a conflict
      const after = (await h.call("GET", `/api/bundles/${bundle.bundleId}`)).body;
      expect(after).toMatchObject({ taskCount: 10, openTaskCount: 8, status: "active" });
      const events = (await h.call("GET", `/api/tasks/${target.taskId}/events`)).body.items;
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(["created", "completed"]);
      const audit = (await h.call("GET", `/api/audit-events?entityType=task&entityId=${target.taskId}`)).body.items;
      expect(audit.map((e: { action: string }) => e.action)).toEqual(["task.completed"]);
    });
  });
}
