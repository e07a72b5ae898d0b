import { and, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { artifacts, assistantJobs, files, notifications, stepExecutions, taskEvents, tasks } from "../../db/schema.js";
import { NotFoundError, taskStillReferenced, VersionConflictError } from "../../domain/errors.js";
import type { Task, TaskEvent } from "../../domain/task.js";
import type { TaskStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { holdUnchanged } from "./unchanged-guard.js";
import { type Executor, insertAudit, insertRecords, selectById, updateVersioned } from "./versioned-write.js";

/** Files, artifacts, jobs and workflow steps keep their task (ON DELETE RESTRICT); say so before Postgres does. */
async function refuseIfReferenced(db: Executor, taskId: string) {
  for (const [what, table, column] of [
    ["files", files, files.taskId],
    ["artifacts", artifacts, artifacts.taskId],
    ["assistant jobs", assistantJobs, assistantJobs.taskId],
    ["workflow steps", stepExecutions, stepExecutions.taskId],
  ] as const) {
    const found = await db.select({ id: column }).from(table).where(eq(column, taskId)).limit(1);
    if (found.length > 0) throw taskStillReferenced(taskId, what);
  }
}

const byDate = ["date", "taskId"];
// Literal predicates, written exactly as the partial indexes' WHERE clauses, so the planner uses them.
const isOpen = sql`${tasks.status} in ('todo', 'waiting')`;
const isWaiting = sql`${tasks.status} = 'waiting'`;

export function taskStore(db: Db): TaskStore {
  const page = (where: SQL | undefined, order: string[], request: { limit?: number; cursor?: string }) =>
    keysetPage<Task>(db, SPECS.task, where, order, request);
  return {
    create: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          await insertRecords(tx, tasks, [input.task]);
          if (input.bundle) await updateVersioned(tx, SPECS.bundle, input.bundle.next, input.bundle.expectedVersion);
          if (input.event) await insertRecords(tx, taskEvents, [input.event]);
          await insertAudit(tx, input.audit);
          return input.task;
        }),
      ),
    update: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          const bundle = input.bundle ? [{ entity: "bundle" as const, id: input.bundle.next.bundleId }] : [];
          await holdUnchanged(tx, [{ entity: "task", id: input.task.next.taskId }, ...bundle], input.unchanged);
          const saved = await updateVersioned(tx, SPECS.task, input.task.next, input.task.expectedVersion);
          if (input.bundle) await updateVersioned(tx, SPECS.bundle, input.bundle.next, input.bundle.expectedVersion);
          if (input.event) await insertRecords(tx, taskEvents, [input.event]);
          if (input.notifications) await insertRecords(tx, notifications, input.notifications);
          await insertAudit(tx, input.audit);
          return saved;
        }),
      ),
    updateMany: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          for (const change of input.changes)
            await updateVersioned(tx, SPECS.task, change.next, change.previous.version);
          if (input.bundle) await updateVersioned(tx, SPECS.bundle, input.bundle.next, input.bundle.expectedVersion);
          await insertRecords(tx, taskEvents, input.events);
          await insertAudit(tx, input.audit);
        }),
      ),
    delete: (input) =>
      translated(() =>
        db.transaction(async (tx) => {
          await refuseIfReferenced(tx, input.taskId);
          const removed = await tx
            .delete(tasks)
            .where(and(eq(tasks.taskId, input.taskId), eq(tasks.version, input.expectedVersion)))
            .returning({ taskId: tasks.taskId });
          if (removed.length === 0) {
            const current = await selectById<Task>(tx, SPECS.task, input.taskId);
            if (!current) throw new NotFoundError("task", input.taskId);
            throw new VersionConflictError("task", input.taskId, input.expectedVersion, current);
          }
          if (input.bundle) await updateVersioned(tx, SPECS.bundle, input.bundle.next, input.bundle.expectedVersion);
          await insertAudit(tx, input.audit);
        }),
      ),
    get: pointRead<Task>(db, tasks, tasks.taskId),
    listForDate: (date, request) => page(eq(tasks.date, date), byDate, request),
    listDueBetween: (from, to, request) => page(and(gte(tasks.date, from), lte(tasks.date, to)), byDate, request),
    listOverdue: (today, request) => page(and(isOpen, lt(tasks.date, today)), byDate, request),
    listByAssignee: (assigneeId, status, request) =>
      page(
        and(eq(tasks.assigneeId, assigneeId), status === undefined ? undefined : eq(tasks.status, status)),
        byDate,
        request,
      ),
    listByBundle: (bundleId, request) => page(eq(tasks.bundleId, bundleId), ["taskOrder", "taskId"], request),
    listByStatus: (status, request) => page(eq(tasks.status, status), byDate, request),
    listFollowUpDue: (now, request) =>
      page(and(isWaiting, lte(tasks.followUpAt, new Date(now))), ["followUpAt", "taskId"], request),
    listEvents: (taskId, request) =>
      keysetPage<TaskEvent>(db, SPECS.taskEvent, eq(taskEvents.taskId, taskId), ["taskEventId"], request),
  };
}
