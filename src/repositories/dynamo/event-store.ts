import type { WorkflowEvent } from "../../domain/workflow-event.js";
import type { EventStore } from "../repository.js";
import type { DynamoContext } from "./dynamo-context.js";
import { eventCodec } from "./entity-codecs.js";
import { addCreate, getRecord } from "./entity-writes.js";
import { keys, monthOf, partitions, REGISTRIES, sortKeys } from "./key-model.js";
import { monthPartitions } from "./month-partitions.js";
import { queryPage } from "./query-pages.js";
import { WriteBatch } from "./transaction.js";

export function eventStore(ctx: DynamoContext): EventStore {
  return {
    /** A put conditional on the key being free: a taken eventId is a ConflictError and nothing is written. */
    async create(event) {
      const batch = new WriteBatch(ctx);
      addCreate(batch, eventCodec, event);
      await batch.commit();
      return event;
    },
    get: (eventId) => getRecord<WorkflowEvent>(ctx, "bundles", keys.event(eventId)),
    /** The type's month partitions from since's month on; `<since>#` sorts before every key at that time. */
    listByType: async (type, since, page) =>
      queryPage<WorkflowEvent>(
        ctx,
        await monthPartitions(
          ctx,
          "bundles",
          REGISTRIES.eventMonths,
          (month) => ({
            index: "byEventType",
            value: partitions.eventsOfType(type, month),
            range: { atLeast: sortKeys.instant(since, "") },
          }),
          (month) => month >= monthOf(since),
        ),
        page,
      ),
  };
}
