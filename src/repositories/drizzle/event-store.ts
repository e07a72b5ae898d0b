import { and, eq, gte } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { events } from "../../db/schema.js";
import type { WorkflowEvent } from "../../domain/workflow-event.js";
import type { EventStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { pointRead } from "./point-read.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertRecords } from "./versioned-write.js";

export function eventStore(db: Db): EventStore {
  return {
    /** One insert: a taken eventId fails the primary key (a ConflictError) and nothing is written. */
    create: (event) =>
      translated(async () => {
        await insertRecords(db, events, [event]);
        return event;
      }),
    get: pointRead<WorkflowEvent>(db, events, events.eventId),
    listByType: (type, since, page) =>
      keysetPage<WorkflowEvent>(
        db,
        SPECS.event,
        and(eq(events.type, type), gte(events.createdAt, new Date(since))),
        ["createdAt", "eventId"],
        page,
      ),
  };
}
