import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ConflictError } from "../../domain/errors.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import type { WorkflowVersionStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { addAudit, exportIndexKeys, getRecord } from "./entity-writes.js";
import { fromItem, toItem } from "./item-codec.js";
import { idBucket, idRegistry, keys } from "./key-model.js";
import { queryPage } from "./query-pages.js";
import { WriteBatch } from "./transaction.js";

const ATTEMPTS = 5;

/**
 * The items of one version: the record at (WORKFLOW#id, VERSION#n) with its export index keys, the
 * pointer that finds it by ID, and the claim that keeps (workflowId, contentHash) unique.
 */
export function addVersionItems(batch: WriteBatch, version: WorkflowVersion): WriteBatch {
  const id = version.workflowVersionId;
  return batch
    .create(
      "workflowVersions",
      toItem(
        "workflowVersion",
        keys.workflowVersion(version.workflowId, version.version),
        version,
        exportIndexKeys("workflow_versions", id),
      ),
      "workflowVersion",
      id,
    )
    .create(
      "workflowVersions",
      toItem("pointer", keys.workflowVersionPointer(id), { workflowId: version.workflowId, version: version.version }),
      "workflowVersion",
      id,
    )
    .claim(
      "workflowVersions",
      toItem("claim", keys.contentHashClaim(version.workflowId, version.contentHash), { workflowVersionId: id }),
      "content already published",
    )
    .registerMonths("workflowVersions", idRegistry("workflow_versions"), [idBucket(id)]);
}
const versionsOf = (workflowId: string) => ({
  table: "workflowVersions" as const,
  value: keys.workflowVersion(workflowId, 0).pk,
  range: { beginsWith: "VERSION#" },
});

/**
 * A version lives at (WORKFLOW#id, VERSION#n); a pointer item finds it by ID and a claim item makes
 * (workflowId, contentHash) unique. Taking a number is conditional, so racing registrations retry.
 */
export function workflowVersionStore(ctx: DynamoContext): WorkflowVersionStore {
  const getLatest = async (workflowId: string) => {
    const { Items } = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tables.workflowVersions,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues: { ":pk": keys.workflowVersion(workflowId, 0).pk, ":v": "VERSION#" },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items?.[0] ? fromItem<WorkflowVersion>(Items[0]) : undefined;
  };
  const get = async (id: string) => {
    const pointer = await getRecord<{ workflowId: string; version: number }>(
      ctx,
      "workflowVersions",
      keys.workflowVersionPointer(id),
    );
    return pointer
      ? getRecord<WorkflowVersion>(ctx, "workflowVersions", keys.workflowVersion(pointer.workflowId, pointer.version))
      : undefined;
  };
  const register: WorkflowVersionStore["register"] = async (candidate, audit) => {
    for (let attempt = 1; ; attempt++) {
      const claim = await getRecord<{ workflowVersionId: string }>(
        ctx,
        "workflowVersions",
        keys.contentHashClaim(candidate.workflowId, candidate.contentHash),
      );
      const existing = claim && (await get(claim.workflowVersionId));
      if (existing) return { version: existing, created: false };
      const version: WorkflowVersion = {
        ...candidate,
        version: ((await getLatest(candidate.workflowId))?.version ?? 0) + 1,
      };
      const batch = addVersionItems(new WriteBatch(ctx), version);
      addAudit(batch, { ...audit, after: { version: version.version, contentHash: version.contentHash } });
      try {
        await batch.commit();
        return { version, created: true };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  };
  return {
    register,
    get,
    getLatest,
    listByWorkflow: (workflowId, page) =>
      queryPage<WorkflowVersion>(ctx, [{ ...versionsOf(workflowId), descending: true }], page),
  };
}
