import type { Bundle } from "../src/domain/bundle.js";
import { addDays } from "../src/domain/dates.js";
import { createIdGenerator } from "../src/domain/ids.js";
import type { Task } from "../src/domain/task.js";
import type { Repository } from "../src/repositories/repository.js";
import { createAssignees, seeded } from "./repo-dataset.js";

/** The scheduler bench's "now": every tick runs at this instant (or whole days after it). */
export const SCHEDULER_NOW = "2026-03-02T09:00:00.000Z";
const TODAY = SCHEDULER_NOW.slice(0, 10);
const CREATED = "2026-01-15T09:00:00.000Z";
export const USERS = Array.from({ length: 5 }, (_, i) => `usr_sched${i}`);
/** Due tasks per due bundle, and how many bundles hold them: the same at every size. */
const DUE_PER_BUNDLE = 10;
const DUE_BUNDLES = 10;
export const DUE_TASKS = DUE_PER_BUNDLE * DUE_BUNDLES;
const ids = createIdGenerator();

type Fields = Pick<Task, "date" | "status"> & Partial<Task>;

/**
 * The i-th of a due bundle's 10 due tasks: 6 open dated today, 2 open dated yesterday (overdue),
 * 2 waiting with their follow-up time past (dated a month ahead, so only the follow-up is due).
 */
function dueFields(i: number): Fields {
  if (i < 6) return { date: TODAY, status: "todo" };
  if (i < 8) return { date: addDays(TODAY, -1), status: "todo" };
  return { date: addDays(TODAY, 30), status: "waiting", waitingFor: "a reply", followUpAt: "2026-03-01T12:00:00.000Z" };
}

/**
 * A task nothing is due on: done, dated 1 to 400 days ago; or open (todo, or waiting with its
 * follow-up on its date), dated 10 to 400 days ahead, past any window a tick looks at.
 */
function notDueFields(random: () => number): Fields {
  const days = 1 + Math.floor(random() * 400);
  const roll = random();
  if (roll < 0.7) return { date: addDays(TODAY, -days), status: "done", completedAt: CREATED };
  const date = addDays(TODAY, Math.max(10, days));
  if (roll < 0.95) return { date, status: "todo" };
  return { date, status: "waiting", waitingFor: "a reply", followUpAt: `${date}T09:00:00.000Z` };
}

function task(bundleId: string, order: number, random: () => number, fields: Fields): Task {
  return {
    taskId: ids.next("task"),
    bundleId,
    taskOrder: order,
    description: "bench task",
    assigneeId: USERS[Math.floor(random() * USERS.length)],
    isMilestone: false,
    requiresFile: false,
    systems: [],
    sourceDocIds: [],
    tags: [],
    source: "template",
    version: 1,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...fields,
  };
}

/**
 * `size` tasks in bundles of up to 500 (size / 10 at 1k), written with createWithTasks, of which
 * exactly 100 are due, 10 in each of 10 bundles spread over the store: the tick reads as many
 * bundles at every size. Five users (operators) are the assignees.
 */
export async function seedSchedulerDataset(repo: Repository, size: number): Promise<void> {
  if (size < DUE_TASKS * 10) throw new Error(`the scheduler bench needs at least ${DUE_TASKS * 10} tasks`);
  const random = seeded(size);
  await createAssignees(repo, USERS);
  const perBundle = Math.min(500, Math.floor(size / DUE_BUNDLES));
  const bundleCount = Math.ceil(size / perBundle);
  const dueAt = new Set(Array.from({ length: DUE_BUNDLES }, (_, i) => Math.floor((i * bundleCount) / DUE_BUNDLES)));
  for (let b = 0; b < bundleCount; b++) {
    const count = Math.min(perBundle, size - b * perBundle);
    const bundleId = ids.next("bundle");
    const due = dueAt.has(b) ? DUE_PER_BUNDLE : 0;
    const tasks = Array.from({ length: count }, (_, i) =>
      task(bundleId, i, random, i < due ? dueFields(i) : notDueFields(random)),
    );
    const bundle: Bundle = {
      bundleId,
      title: "bench",
      anchorDate: TODAY,
      stages: ["preparation", "done"],
      stage: "preparation",
      status: "active",
      references: [],
      links: [],
      tags: [],
      taskCount: count,
      openTaskCount: tasks.filter((t) => t.status !== "done").length,
      version: 1,
      createdAt: CREATED,
      updatedAt: CREATED,
    };
    await repo.bundles.createWithTasks({ bundle, tasks, taskEvents: [], audit: [] });
  }
}
