import { and, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { taskEvents, tasks } from "../../db/schema.js";
import type { Task, TaskEvent } from "../../domain/task.js";
import type { TaskStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertAudit, insertRecords, selectById, updateVersioned } from "./versioned-write.js";

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
          const saved = await updateVersioned(tx, SPECS.task, input.task.next, input.task.expectedVersion);
          if (input.bundle) await updateVersioned(tx, SPECS.bundle, input.bundle.next, input.bundle.expectedVersion);
          if (input.event) await insertRecords(tx, taskEvents, [input.event]);
          await insertAudit(tx, input.audit);
          return saved;
        }),
      ),
    get: (taskId) => selectById<Task>(db, SPECS.task, taskId),
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
