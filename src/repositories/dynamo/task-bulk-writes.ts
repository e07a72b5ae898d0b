import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { taskStillReferenced } from "../../domain/errors.js";
import type { Task } from "../../domain/task.js";
import type { TaskStore } from "../repository.js";
import { chunkWrites, deleteItems } from "./bundle-chunks.js";
import type { DynamoContext } from "./dynamo-context.js";
import { bundleCodec, taskCodec, taskEventCodec } from "./entity-codecs.js";
import { addAudit, addCreate, addReplace, getRecord, itemOf } from "./entity-writes.js";
import { keys, partitions } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { stepWaitsOn } from "./run-store.js";
import { MAX_TRANSACTION_ACTIONS, WriteBatch } from "./transaction.js";

type Change = Parameters<TaskStore["updateMany"]>[0]["changes"][number];

/** Reschedule-style writes: one transaction when it fits, else chunks with compensation. */
export async function updateMany(ctx: DynamoContext, input: Parameters<TaskStore["updateMany"]>[0]): Promise<void> {
  const tail = (batch: WriteBatch) => {
    if (input.bundle) addReplace(batch, bundleCodec, input.bundle.next, input.bundle.expectedVersion);
    for (const event of input.events) addCreate(batch, taskEventCodec, event);
    addAudit(batch, input.audit);
  };
  const whole = new WriteBatch(ctx);
  for (const change of input.changes) addReplace(whole, taskCodec, change.next, change.previous.version);
  tail(whole);
  if (whole.size <= MAX_TRANSACTION_ACTIONS) return whole.commit();

  const applied: Change[] = [];
  try {
    for (const chunk of chunkWrites(ctx, input.changes, (b, c) =>
      addReplace(b, taskCodec, c.next, c.previous.version),
    )) {
      await chunk.batch.commit();
      applied.push(...chunk.members);
    }
    const last = new WriteBatch(ctx);
    tail(last);
    await last.commit();
  } catch (error) {
    // Put back exactly what was there, task by task, only where our write is still the current one.
    for (const c of applied) {
      const restore = new WriteBatch(ctx).replace(
        "tasks",
        itemOf(taskCodec, c.previous),
        "task",
        c.previous.taskId,
        c.next.version,
      );
      await restore.commit().catch(() => undefined);
    }
    throw error;
  }
}

const stillReferenced = taskStillReferenced;

/** Deletes a task (version-checked) with its bundle change and audit; its history is removed after. */
export async function deleteTask(ctx: DynamoContext, input: Parameters<TaskStore["delete"]>[0]): Promise<void> {
  const owner = partitions.ofTask(input.taskId);
  for (const [what, table] of [
    ["files", "files"],
    ["artifacts", "artifacts"],
    ["assistant jobs", "assistantJobs"],
  ] as const) {
    if ((await queryPage(ctx, [{ table, index: "byTask", value: owner }], { limit: 1 })).items.length > 0) {
      throw stillReferenced(input.taskId, what);
    }
  }
  const task = await getRecord<Task>(ctx, "tasks", keys.task(input.taskId));
  if (task && (await stepWaitsOn(ctx, task))) throw stillReferenced(input.taskId, "workflow steps");
  const batch = new WriteBatch(ctx).removeVersioned(
    "tasks",
    keys.task(input.taskId),
    "task",
    input.taskId,
    input.expectedVersion,
  );
  if (input.bundle) addReplace(batch, bundleCodec, input.bundle.next, input.bundle.expectedVersion);
  addAudit(batch, input.audit);
  await batch.commit();
  // History of a deleted task is unreachable (reads check the task first); this only frees the space.
  const { Items } = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.tables.tasks,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :events)",
      ExpressionAttributeValues: { ":pk": keys.task(input.taskId).pk, ":events": "EVENT#" },
    }),
  );
  await deleteItems(
    ctx,
    (Items ?? []).map((item) => ({ table: "tasks" as const, key: { pk: String(item.pk), sk: String(item.sk) } })),
  ).catch(() => undefined);
}
