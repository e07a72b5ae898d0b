import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Bundle } from "../../domain/bundle.js";
import type { StepExecution } from "../../domain/step-execution.js";
import type { RunStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import {
  bundleCodec,
  notificationCodec,
  runLogCodec,
  stepExecutionCodec,
  taskCodec,
  taskEventCodec,
} from "./entity-codecs.js";
import { addAudit, addCreate, addReplace } from "./entity-writes.js";
import { keys, partitions, STEP_PREFIX, sortKeys } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { WriteBatch } from "./transaction.js";

/**
 * Whether a step attempt of the task's bundle waits on the task: what Postgres's foreign key from
 * step_executions.task_id (ON DELETE RESTRICT) refuses to delete. A run's steps wait on its own tasks.
 */
export async function stepWaitsOn(ctx: DynamoContext, task: { taskId: string; bundleId?: string }): Promise<boolean> {
  if (!task.bundleId) return false;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tables.bundles,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :steps)",
        FilterExpression: "taskId = :taskId",
        ProjectionExpression: "stepExecutionId",
        ExpressionAttributeValues: {
          ":pk": keys.bundle(task.bundleId).pk,
          ":steps": STEP_PREFIX,
          ":taskId": task.taskId,
        },
        ExclusiveStartKey: start,
      }),
    );
    if ((page.Items ?? []).length > 0) return true;
    start = page.LastEvaluatedKey;
  } while (start);
  return false;
}

export function runStore(ctx: DynamoContext): RunStore {
  return {
    /**
     * One TransactWriteItems, so at most 100 actions (items, claims, reference checks), in the order
     * the Postgres backend writes them. A step attempt recorded already fails its create (its derived
     * ID is its key): a ConflictError, as does a taken runLogId. Notifications take their dedupe claims
     * as tasks.update does. Log entries count toward the 100 actions like any other item.
     */
    async apply(write) {
      const batch = new WriteBatch(ctx);
      const changedTasks = [...write.updateTasks].sort((a, b) => (a.next.taskId < b.next.taskId ? -1 : 1));
      for (const task of changedTasks) addReplace(batch, taskCodec, task.next, task.expectedVersion);
      addReplace(batch, bundleCodec, write.bundle.next, write.bundle.expectedVersion);
      for (const task of write.createTasks) addCreate(batch, taskCodec, task);
      for (const step of write.createSteps) addCreate(batch, stepExecutionCodec, step);
      for (const step of write.updateSteps) addReplace(batch, stepExecutionCodec, step.next, step.expectedVersion);
      for (const event of write.taskEvents) addCreate(batch, taskEventCodec, event);
      for (const notification of write.notifications) addCreate(batch, notificationCodec, notification);
      addAudit(batch, write.audit);
      for (const entry of write.logs) addCreate(batch, runLogCodec, entry);
      await batch.commit();
    },
    listSteps: (bundleId, page) =>
      queryPage<StepExecution>(
        ctx,
        [{ table: "bundles", value: keys.bundle(bundleId).pk, range: { beginsWith: STEP_PREFIX } }],
        page,
      ),
    listDue: (now, page) =>
      queryPage<Bundle>(
        ctx,
        [
          {
            table: "bundles",
            index: "byRunWake",
            value: partitions.dueRuns(),
            // `~` sorts after every ID character: every run due at `now` itself is included.
            range: { atMost: sortKeys.instant(now, "~") },
          },
        ],
        page,
      ),
  };
}
