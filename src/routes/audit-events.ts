import { createRoute } from "@hono/zod-openapi";
import { AuditEvent } from "../domain/audit-event.js";
import { ListAuditEventsQuery } from "../domain/list-queries.js";
import { listAuditEvents } from "../services/audit-queries.js";
import { router } from "./app-env.js";
import { access, json, pageOf, responses } from "./route-kit.js";

/** Read-only: there is no route that changes or deletes an audit event. */
export function auditEventRoutes() {
  return router().openapi(
    createRoute({
      method: "get",
      path: "/api/audit-events",
      summary: "An entity's audit trail, oldest first",
      ...access("operator"),
      request: { query: ListAuditEventsQuery },
      responses: responses({ 200: json(pageOf(AuditEvent)) }),
    }),
    async (c) => c.json(await listAuditEvents(c.var.ctx, c.req.valid("query")), 200),
  );
}
