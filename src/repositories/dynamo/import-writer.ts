import { ConflictError } from "../../domain/errors.js";
import type { PortableEntity } from "../../domain/export-names.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import type { ImportWriter } from "../repository.js";
import { chunkWrites } from "./bundle-chunks.js";
import type { DynamoContext } from "./dynamo-context.js";
import {
  artifactCodec,
  assistantJobCodec,
  auditEventCodec,
  bundleCodec,
  type EntityCodec,
  eventCodec,
  fileCodec,
  notificationCodec,
  recurringConfigCodec,
  runLogCodec,
  stepExecutionCodec,
  taskCodec,
  taskEventCodec,
  userCodec,
} from "./entity-codecs.js";
import { addCreate } from "./entity-writes.js";
import { WriteBatch } from "./transaction.js";
import { addVersionItems } from "./workflow-version-store.js";

type Add = (batch: WriteBatch, record: Record<string, unknown>) => void;
const viaCodec =
  (codec: EntityCodec<never>): Add =>
  (batch, record) =>
    addCreate(batch, codec, record as never);

const WRITERS: Record<PortableEntity, Add> = {
  users: viaCodec(userCodec as EntityCodec<never>),
  workflow_versions: (batch, record) => void addVersionItems(batch, record as WorkflowVersion),
  bundles: viaCodec(bundleCodec as EntityCodec<never>),
  tasks: viaCodec(taskCodec as EntityCodec<never>),
  task_events: viaCodec(taskEventCodec as EntityCodec<never>),
  step_executions: viaCodec(stepExecutionCodec as EntityCodec<never>),
  run_logs: viaCodec(runLogCodec as EntityCodec<never>),
  events: viaCodec(eventCodec as EntityCodec<never>),
  recurring_configs: viaCodec(recurringConfigCodec as EntityCodec<never>),
  notifications: viaCodec(notificationCodec as EntityCodec<never>),
  files: viaCodec(fileCodec as EntityCodec<never>),
  artifacts: viaCodec(artifactCodec as EntityCodec<never>),
  assistant_jobs: viaCodec(assistantJobCodec as EntityCodec<never>),
  audit_events: viaCodec(auditEventCodec as EntityCodec<never>),
};

/** The same conditional creates as the stores use (claims, indexes, references); existing IDs are skipped. */
export function importWriter(ctx: DynamoContext): ImportWriter {
  const one = async (entity: PortableEntity, record: Record<string, unknown>) => {
    const batch = new WriteBatch(ctx);
    WRITERS[entity](batch, record);
    try {
      await batch.commit();
      return true;
    } catch (error) {
      // The record's own ID taken means it was imported before; any other conflict is real.
      if (error instanceof ConflictError && error.details.id !== undefined) return false;
      throw error;
    }
  };
  return {
    async putIfAbsent(entity, records) {
      let written = 0;
      // Chunks of at most 100 actions; a chunk that fails is retried record by record, for precise errors.
      for (const chunk of chunkWrites(ctx, records, WRITERS[entity])) {
        try {
          await chunk.batch.commit();
          written += chunk.members.length;
        } catch {
          for (const record of chunk.members) if (await one(entity, record)) written++;
        }
      }
      return { written, existing: records.length - written };
    },
  };
}
