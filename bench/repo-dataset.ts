import type { Bundle } from "../src/domain/bundle.js";
import { addDays } from "../src/domain/dates.js";
import { createIdGenerator } from "../src/domain/ids.js";
import type { Task, TaskStatus } from "../src/domain/task.js";
import type { Repository } from "../src/repositories/repository.js";

export const FIRST_DAY = "2026-01-01";
/**
 * The shape grows with the table so each query returns a full page at every size: about 40 tasks
 * per date and 200 per assignee. Only the table grows, which is what an index must not feel.
 */
export function datasetShape(size: number) {
  const days = Math.max(1, Math.round(size / 40));
  return {
    days,
    today: addDays(FIRST_DAY, Math.round(days / 2)),
    assignees: Array.from({ length: Math.max(1, Math.round(size / 200)) }, (_, i) => `usr_bench${i}`),
  };
}
export type DatasetShape = ReturnType<typeof datasetShape>;
const ids = createIdGenerator();
const NOW = "2026-07-01T09:00:00.000Z";

/** Deterministic pseudo-random numbers, so every backend gets the same shape of data. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One operator per ID (as a bench's assignees). */
export async function createAssignees(repo: Repository, assignees: readonly string[]): Promise<void> {
  for (const userId of assignees) {
    await repo.users.create(
      {
        userId,
        name: userId,
        email: `${userId}@bench.local`,
        role: "operator",
        disabled: false,
        version: 1,
        createdAt: NOW,
        updatedAt: NOW,
      },
      {
        auditEventId: ids.next("auditEvent"),
        entityType: "user",
        entityId: userId,
        action: "user.created",
        createdAt: NOW,
      },
    );
  }
}

/** Adds `count` tasks spread over the shape's dates and assignees, mostly done, in 500-task bundles. */
export async function addTasks(
  repo: Repository,
  count: number,
  shape: DatasetShape,
  random: () => number,
): Promise<void> {
  for (let written = 0; written < count; written += 500) {
    await addBundle(repo, Math.min(500, count - written), shape, random);
  }
}

/** One bundle of `size` tasks, on `date` or spread over the shape's dates; returns its ID. */
export async function addBundle(
  repo: Repository,
  size: number,
  shape: DatasetShape,
  random: () => number,
  date?: string,
): Promise<string> {
  const bundle: Bundle = {
    bundleId: ids.next("bundle"),
    title: "bench",
    anchorDate: FIRST_DAY,
    stages: ["preparation", "done"],
    stage: "preparation",
    status: "active",
    references: [],
    links: [],
    tags: [],
    taskCount: size,
    openTaskCount: size,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  };
  const tasks = Array.from({ length: size }, (_, i): Task => {
    const roll = random();
    const status: TaskStatus = roll < 0.7 ? "done" : roll < 0.95 ? "todo" : "waiting";
    return {
      taskId: ids.next("task"),
      bundleId: bundle.bundleId,
      taskOrder: i,
      description: "bench task",
      date: date ?? addDays(FIRST_DAY, Math.floor(random() * shape.days)),
      assigneeId: shape.assignees[Math.floor(random() * shape.assignees.length)],
      status,
      isMilestone: false,
      requiresFile: false,
      systems: [],
      sourceDocIds: [],
      tags: [],
      source: "template",
      ...(status === "waiting" ? { waitingFor: "someone", followUpAt: NOW } : {}),
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
  });
  await repo.bundles.createWithTasks({ bundle, tasks, taskEvents: [], audit: [] });
  return bundle.bundleId;
}
