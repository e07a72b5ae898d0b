import { createIdGenerator } from "../src/domain/ids.js";
import type { Task } from "../src/domain/task.js";
import type { Repository } from "../src/repositories/repository.js";
import { createBenchAdmin } from "./bench-admin.js";
import { type PortalBenchData, seedPortalBench } from "./portal-seed.js";

const NOW = new Date().toISOString();
const ids = createIdGenerator();
export type HttpBenchData = { date: string; readIds: string[]; completable: string[]; portal: PortalBenchData };

/**
 * An admin with a known token, 2,000 tasks in bundles (100 on the listed date) and 12,000 standalone
 * todo tasks to complete: more than the fastest backend completes in one run, so every completion is
 * a real one (the table's 2xx/total shows it).
 */
export async function seedHttpBench(repo: Repository): Promise<HttpBenchData> {
  const admin = await createBenchAdmin(repo, NOW);
  const task = (date: string): Task => ({
    taskId: ids.next("task"),
    taskOrder: 0,
    description: "bench",
    date,
    status: "todo",
    isMilestone: false,
    requiresFile: false,
    systems: [],
    sourceDocIds: [],
    tags: [],
    source: "manual",
    createdBy: admin.userId,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const read = Array.from({ length: 2_000 }, (_, i) =>
    task(i % 20 === 0 ? "2026-06-15" : `2026-06-${String(1 + (i % 28)).padStart(2, "0")}`),
  );
  const completable = Array.from({ length: 12_000 }, () => task("2026-07-01"));
  for (let start = 0; start < read.length; start += 500) {
    const slice = read.slice(start, start + 500);
    const bundle = {
      bundleId: ids.next("bundle"),
      title: "holder",
      anchorDate: "2026-06-01",
      stages: ["preparation", "done"],
      stage: "preparation",
      status: "active" as const,
      references: [],
      links: [],
      tags: [],
      taskCount: slice.length,
      openTaskCount: slice.length,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await repo.bundles.createWithTasks({
      bundle,
      tasks: slice.map((t) => ({ ...t, bundleId: bundle.bundleId })),
      taskEvents: [],
      audit: [],
    });
  }
  // Standalone tasks: each completion is a task write, history event and audit event, with no bundle to contend on.
  for (const t of completable) {
    await repo.tasks.create({
      task: t,
      audit: {
        auditEventId: ids.next("auditEvent"),
        entityType: "task",
        entityId: t.taskId,
        action: "task.created",
        createdAt: NOW,
      },
    });
  }
  const portal = await seedPortalBench(repo, admin, NOW);
  return {
    portal,
    date: "2026-06-15",
    readIds: read.map((t) => t.taskId),
    completable: completable.map((t) => t.taskId),
  };
}
