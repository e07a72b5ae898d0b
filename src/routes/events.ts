import { createRoute, z } from "@hono/zod-openapi";
import { ListEventsQuery } from "../domain/list-queries.js";
import { EventId, WorkflowEvent } from "../domain/workflow-event.js";
import { EventInput } from "../triggers/event-input.js";
import { getEvent, listEvents } from "../triggers/event-queries.js";
import { receiveEvent } from "../triggers/receive-event.js";
import { router } from "./app-env.js";
import { access, body, json, NoOptions, pageOf, responses } from "./route-kit.js";

export const Received = z.object({
  event: WorkflowEvent,
  /** True when this event ID was received before: nothing new was started. */
  replayed: z.boolean(),
});

/** Events in: each starts the runs whose triggers match it (docs/workflow-triggers.md). */
export function eventRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/events",
        summary: "Receive an event: start every published workflow whose trigger matches it (idempotent on id)",
        ...access("operator"),
        request: { query: NoOptions, ...body(EventInput) },
        responses: responses({
          201: json(Received, "Received; the runs it started are listed"),
          200: json(Received, "Received before: the runs it started then"),
        }),
      }),
      async (c) => {
        const received = await receiveEvent(c.var.ctx, c.req.valid("json"), "api");
        return c.json(received, received.replayed ? 200 : 201);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/events/{eventId}",
        summary: "A received event and the runs it started",
        ...access("viewer"),
        request: { params: z.object({ eventId: EventId }), query: NoOptions },
        responses: responses({ 200: json(WorkflowEvent) }),
      }),
      async (c) => c.json(await getEvent(c.var.ctx, c.req.valid("param").eventId), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/events",
        summary: "Received events of one type, oldest first",
        ...access("viewer"),
        request: { query: ListEventsQuery },
        responses: responses({ 200: json(pageOf(WorkflowEvent)) }),
      }),
      async (c) => c.json(await listEvents(c.var.ctx, c.req.valid("query")), 200),
    );
}
