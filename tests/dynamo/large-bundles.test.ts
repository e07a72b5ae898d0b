import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import type { ContentCatalog } from "../../src/content/load-content.js";
import { ConflictError } from "../../src/domain/errors.js";
import { DEFAULT_STAGES } from "../../src/domain/workflow-definition.js";
import type { DynamoContext, DynamoFaults } from "../../src/repositories/dynamo/dynamo-context.js";
import { indexAttributes } from "../../src/repositories/dynamo/item-codec.js";
import { sweepAbandonedBundles } from "../../src/repositories/dynamo/sweep-abandoned-bundles.js";
import type { Repository } from "../../src/repositories/repository.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import { openDynamo } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { testCtx } from "../support/test-ctx.js";

const TASKS = 150;
const catalog: ContentCatalog = {
  docs: new Map(),
  workflows: new Map([
    [
      "big-event",
      {
        sourcePath: "content/workflows/big-event.yaml",
        contentHash: `sha256:${"f".repeat(64)}`,
        definition: {
          workflowId: "big-event",
          name: "Big event",
          description: "",
          type: "event",
          stages: [...DEFAULT_STAGES],
          phases: [],
          tags: [],
          sourceDocIds: [],
          references: [],
          requiredLinks: [],
          trigger: { type: "manual" },
          tasks: Array.from({ length: TASKS }, (_, i) => ({
            refId: `t${i}`,
            description: `Task ${i}`,
            offsetDays: (i % 30) - 15,
            isMilestone: false,
            tags: [],
            sourceDocIds: [],
            requiresFile: false,
          })),
        },
      },
    ],
  ]),
};

/** Raw items of one index partition, read past the repository: what any reader could ever reach. */
async function rawIndexItems(ctx: DynamoContext, table: "tasks" | "bundles", index: string, partition: string) {
  const names = indexAttributes(index);
  const { Items } = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.tables[table],
      IndexName: index,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": names.pk },
      ExpressionAttributeValues: { ":pk": partition },
    }),
  );
  return Items ?? [];
}
const rawTaskItems = (ctx: DynamoContext, bundleId: string) =>
  rawIndexItems(ctx, "tasks", "byBundle", `BUNDLE#${bundleId}`);
const pendingMarkers = (ctx: DynamoContext) => rawIndexItems(ctx, "bundles", "byPending", "PENDING");

describe("DynamoDB: a 150-task bundle is all-or-nothing for readers", () => {
  let repo: Repository;
  afterEach(() => repo.close());

  async function setUp(faults: DynamoFaults = {}) {
    const opened = await openDynamo(faults);
    repo = opened.repo;
    const ctx = testCtx(repo, catalog, undefined, new Date().toISOString());
    await registerWorkflowVersions(ctx);
    return { ctx, dynamo: opened.ctx };
  }

  it("writes all 150 tasks across several transactions and shows them once the bundle commits", async () => {
    const chunks: number[] = [];
    const { ctx } = await setUp({ beforeBundleChunk: (i) => void chunks.push(i) });
    const { bundle, tasks } = await instantiateBundle(ctx, {
      workflowId: "big-event",
      title: "Conference",
      anchorDate: "2026-10-15",
    });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(tasks).toHaveLength(TASKS);
    expect(await repo.bundles.get(bundle.bundleId)).toEqual(bundle);
    const listed = [];
    let cursor: string | undefined;
    do {
      const page = await repo.tasks.listByBundle(bundle.bundleId, { limit: 40, cursor });
      listed.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed.map((t) => t.taskId)).toEqual(tasks.map((t) => t.taskId));
    expect((await repo.tasks.listEvents(tasks[149]?.taskId ?? "", {})).items).toHaveLength(1);
  });

  for (const failAt of [1, 3]) {
    it(`leaves nothing behind when the write fails before transaction ${failAt + 1}`, async () => {
      let pendingBundleId = "";
      const { ctx, dynamo } = await setUp({
        beforeBundleChunk: async (i) => {
          if (i !== failAt) return;
          pendingBundleId = String((await pendingMarkers(dynamo))[0]?.bundleId);
          throw new Error("injected failure between chunks");
        },
      });
      const attempt = instantiateBundle(
        ctx,
        { workflowId: "big-event", title: "Doomed", anchorDate: "2026-10-15" },
        `doomed-${failAt}`,
      );
      await expect(attempt).rejects.toThrow("injected failure between chunks");
      expect((await repo.bundles.list({}, { limit: 500 })).items).toEqual([]);
      expect(await repo.bundles.getByIdempotencyKey(`doomed-${failAt}`)).toBeUndefined();
      expect((await repo.tasks.listForDate("2026-10-15", {})).items).toEqual([]);
      expect((await repo.tasks.listOverdue("2027-01-01", {})).items).toEqual([]);
      expect(pendingBundleId).toMatch(/^bnd_/);
      expect(await rawTaskItems(dynamo, pendingBundleId)).toEqual([]);
      expect(await pendingMarkers(dynamo)).toEqual([]);
    });
  }

  it("hides the tasks of a write abandoned mid-way, and the sweeper removes them", async () => {
    const { ctx, dynamo } = await setUp({
      abandonOnFailure: true,
      beforeBundleChunk: (i) => {
        if (i === 3) throw new Error("process died");
      },
    });
    const crashed = instantiateBundle(ctx, { workflowId: "big-event", title: "Crashed", anchorDate: "2026-10-15" });
    await expect(crashed).rejects.toThrow("process died");
    const bundleId = String((await pendingMarkers(dynamo))[0]?.bundleId);
    expect(bundleId).toMatch(/^bnd_/);
    const leftovers = await rawTaskItems(dynamo, String(bundleId));
    expect(leftovers.length).toBeGreaterThan(0);
    expect(await repo.tasks.get(String(leftovers[0]?.taskId))).toBeUndefined();
    expect((await repo.tasks.listByBundle(String(bundleId), {})).items).toEqual([]);
    expect((await repo.tasks.listForDate("2026-10-15", {})).items).toEqual([]);
    expect((await repo.exports.list("tasks", { limit: 500 })).items).toEqual([]);
    expect((await repo.exports.list("task_events", { limit: 500 })).items).toEqual([]);
    expect(await sweepAbandonedBundles(dynamo, "2000-01-01T00:00:00.000Z")).toEqual([]);
    expect(await sweepAbandonedBundles(dynamo, new Date(Date.now() + 60_000).toISOString())).toEqual([bundleId]);
    expect(await rawTaskItems(dynamo, String(bundleId))).toEqual([]);
  });

  it("refuses a chunk whose task ID is taken, without touching the task that holds it", async () => {
    await setUp();
    const other = f.bundle();
    const taken = f.task({ bundleId: other.bundleId, description: "belongs to another bundle" });
    await repo.bundles.createWithTasks({ bundle: other, tasks: [taken], taskEvents: [], audit: [] });
    const b = f.bundle({ taskCount: TASKS });
    const tasks = Array.from({ length: TASKS }, (_, i) =>
      i === 120 ? { ...taken, bundleId: b.bundleId } : f.task({ bundleId: b.bundleId, taskOrder: i }),
    );
    await expect(repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [] })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await repo.bundles.get(b.bundleId)).toBeUndefined();
    expect(await repo.tasks.get(taken.taskId)).toEqual(taken);
    expect(await repo.tasks.get(tasks[0]?.taskId ?? "")).toBeUndefined();
  });
});
