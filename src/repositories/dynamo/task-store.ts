import type { Task, TaskEvent } from "../../domain/task.js";
import type { Page, PageRequest } from "../pagination.js";
import type { TaskStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { bundleCodec, notificationCodec, taskCodec, taskEventCodec } from "./entity-codecs.js";
import { addAudit, addCreate, addReplace, addUnchanged, getRecord } from "./entity-writes.js";
import { keys, monthOf, partitions as P, REGISTRIES } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { type Partition, queryPage } from "./query-pages.js";
import { deleteTask, updateMany } from "./task-bulk-writes.js";
import { isVisible, visibility } from "./task-visibility.js";
import { WriteBatch } from "./transaction.js";

export function taskStore(ctx: DynamoContext): TaskStore {
  const list = (partitions: Partition[], page: PageRequest): Promise<Page<Task>> =>
    queryPage<Task>(ctx, partitions, page, (tasks) => visibility(ctx, tasks));
  const on = (index: string, value: string, range?: Partition["range"]): Partition[] => [
    { table: "tasks", index, value, range },
  ];
  const get = async (taskId: string) => {
    const task = await getRecord<Task>(ctx, "tasks", keys.task(taskId));
    return task && (await isVisible(ctx, task)) ? task : undefined;
  };

  return {
    async create({ task, bundle, event, audit }) {
      const batch = new WriteBatch(ctx);
      addCreate(batch, taskCodec, task);
      if (bundle) addReplace(batch, bundleCodec, bundle.next, bundle.expectedVersion);
      if (event) addCreate(batch, taskEventCodec, event);
      addAudit(batch, audit);
      await batch.commit();
      return task;
    },
    async update({ task, bundle, event, audit, unchanged, notifications }) {
      const batch = new WriteBatch(ctx);
      addReplace(batch, taskCodec, task.next, task.expectedVersion);
      if (bundle) addReplace(batch, bundleCodec, bundle.next, bundle.expectedVersion);
      addUnchanged(batch, unchanged);
      if (event) addCreate(batch, taskEventCodec, event);
      for (const notification of notifications ?? []) addCreate(batch, notificationCodec, notification);
      addAudit(batch, audit);
      await batch.commit();
      return task.next;
    },
    updateMany: (input) => updateMany(ctx, input),
    delete: (input) => deleteTask(ctx, input),
    get,
    listForDate: (date, page) => list(on("byDue", P.tasksDue(monthOf(date)), { beginsWith: `${date}#` }), page),
    listDueBetween: async (from, to, page) =>
      list(
        await monthPartitions(
          ctx,
          "tasks",
          REGISTRIES.taskMonths,
          (month) => ({ index: "byDue", value: P.tasksDue(month), range: { between: [`${from}#`, `${to}#~`] } }),
          (month) => month >= monthOf(from) && month <= monthOf(to),
        ),
        page,
      ),
    listOverdue: (today, page) => list(on("byOpen", P.openTasks(), { below: `${today}#` }), page),
    listByAssignee: (assigneeId, status, page) =>
      list(
        status
          ? on("byAssigneeStatus", P.tasksOfAssigneeByStatus(assigneeId, status))
          : on("byAssignee", P.tasksOfAssignee(assigneeId)),
        page,
      ),
    listByBundle: (bundleId, page) => list(on("byBundle", P.tasksOfBundle(bundleId)), page),
    listByStatus: async (status, page) =>
      list(
        await monthPartitions(ctx, "tasks", REGISTRIES.taskMonths, (month) => ({
          index: "byStatus",
          value: P.tasksByStatus(status, month),
        })),
        page,
      ),
    listFollowUpDue: (now, page) => list(on("byWaiting", P.waitingTasks(), { atMost: `${now}#~` }), page),
    async listEvents(taskId, page) {
      if (!(await get(taskId))) return { items: [], nextCursor: null };
      return queryPage<TaskEvent>(
        ctx,
        [{ table: "tasks", value: keys.task(taskId).pk, range: { beginsWith: "EVENT#" } }],
        page,
      );
    },
  };
}
