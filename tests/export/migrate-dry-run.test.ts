import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { hashToken } from "../../src/domain/api-token-secret.js";
import { systemClock } from "../../src/domain/clock.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { Task } from "../../src/domain/task.js";
import { createDrizzleRepository } from "../../src/repositories/drizzle/drizzle-repository.js";
import { migrateDryRun } from "../../src/services/migrate-dry-run.js";
import { type Harness, startHarness } from "../http/harness.js";
import { dynamoBackend, openPostgresHandle } from "../support/backends.js";
import * as f from "../support/fixtures.js";

describe("migration dry run: DynamoDB -> Postgres", () => {
  let h: Harness;
  let recordTask: Task;
  beforeAll(async () => {
    h = await startHarness(dynamoBackend);
    const { body } = await h.call("POST", "/api/bundles", {
      body: { workflowId: "newsletter-issue", title: "Migrate me", anchorDate: "2026-03-20" },
    });
    recordTask = (body.tasks as Task[]).find((t) => t.templateTaskRef === "write-draft") as Task;
    await h.call("POST", `/api/tasks/${recordTask.taskId}/complete`, {
      as: "operator",
      body: { expectedVersion: 1, link: "https://newsletter.example.com/draft" },
    });
    await h.call("POST", "/api/artifacts", {
      as: "operator",
      body: { type: "report", title: "R", storageUri: "https://docs.example.com/r", bundleId: body.bundle.bundleId },
    });
  });
  afterAll(() => h.close());

  it("verifies every entity and leaves the target empty; with commit the data is there and the app serves it", async () => {
    const { handle } = await openPostgresHandle();
    try {
      const dry = await migrateDryRun(h.repo, handle, { commit: false });
      expect(dry.error).toBeUndefined();
      expect(dry).toMatchObject({ passed: true, committed: false });
      expect(dry.entities.find((row) => row.entity === "tasks")).toMatchObject({
        sourceCount: 10,
        targetCount: 10,
        checksumMatch: true,
        problems: [],
      });
      expect(dry.entities.every((row) => row.checksumMatch && row.sourceCount === row.targetCount)).toBe(true);
      const target = createDrizzleRepository(handle);
      expect((await target.exports.list("tasks", { limit: 1 })).items).toEqual([]);

      const real = await migrateDryRun(h.repo, handle, { commit: true });
      expect(real).toMatchObject({ passed: true, committed: true });
      expect((await target.tasks.get(recordTask.taskId))?.status).toBe("done");

      // Tokens are never migrated: the admin issues a new one on the Postgres side, then the app serves the data.
      const secret = "we_after-migration-token-0123456789";
      await target.apiTokens.create(
        f.apiToken(h.users.admin.userId, { tokenHash: hashToken(secret), expiresAt: undefined, revokedAt: undefined }),
        f.audit("apiToken", "tok_x"),
      );
      const app = createApp({
        makeCtx: () => ({
          repo: target,
          clock: systemClock,
          ids: createIdGenerator(),
          catalog: { workflows: new Map(), docs: new Map() },
          policy: { localStorageAllowed: true, maxFileBytes: 1024 },
        }),
        storage: "postgres",
      });
      const res = await app.request(`/api/tasks/${recordTask.taskId}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        taskId: recordTask.taskId,
        status: "done",
        link: "https://newsletter.example.com/draft",
      });

      const refused = await migrateDryRun(h.repo, handle, { commit: false });
      expect(refused).toMatchObject({ passed: false, committed: false, error: expect.stringContaining("not empty") });
    } finally {
      await handle.close();
    }
  });
});
