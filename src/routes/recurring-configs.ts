import { createRoute } from "@hono/zod-openapi";
import { ExpectedVersionQuery, PageOnlyQuery } from "../domain/list-queries.js";
import { RecurringConfig } from "../domain/recurring-config.js";
import { CreateRecurringConfigInput, UpdateRecurringConfigInput } from "../domain/recurring-config-input.js";
import {
  createRecurringConfig,
  deleteRecurringConfig,
  getRecurringConfig,
  listRecurringConfigs,
  updateRecurringConfig,
} from "../services/recurring/recurring-configs.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses } from "./route-kit.js";

export function recurringConfigRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/recurring-configs",
        summary: "Create a schedule that creates a task or a bundle on each cron occurrence",
        ...access("admin"),
        request: body(CreateRecurringConfigInput),
        responses: responses({ 201: json(RecurringConfig, "Created") }),
      }),
      async (c) => c.json(await createRecurringConfig(c.var.ctx, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/recurring-configs",
        summary: "List recurring configs",
        ...access("viewer"),
        request: { query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(RecurringConfig)) }),
      }),
      async (c) => c.json(await listRecurringConfigs(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/recurring-configs/{id}",
        summary: "Get a recurring config",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(RecurringConfig) }),
      }),
      async (c) => c.json(await getRecurringConfig(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/api/recurring-configs/{id}",
        summary: "Edit a recurring config; a new schedule or re-enabling starts from the next occurrence",
        ...access("admin"),
        request: { params: IdParams, ...body(UpdateRecurringConfigInput) },
        responses: responses({ 200: json(RecurringConfig) }),
      }),
      async (c) => c.json(await updateRecurringConfig(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/recurring-configs/{id}",
        summary: "Delete a recurring config that never created work (else 409: disable it)",
        ...access("admin"),
        request: { params: IdParams, query: ExpectedVersionQuery },
        responses: responses({ 204: { description: "Deleted" } }),
      }),
      async (c) => {
        await deleteRecurringConfig(c.var.ctx, c.req.valid("param").id, c.req.valid("query").expectedVersion);
        return c.body(null, 204);
      },
    );
}
