import { createRoute, z } from "@hono/zod-openapi";
import { Bundle } from "../domain/bundle.js";
import { ClientIdempotencyKey, CreateBundleInput } from "../domain/bundle-input.js";
import { ListBundlesQuery, PageOnlyQuery } from "../domain/list-queries.js";
import { Task } from "../domain/task.js";
import { RescheduleBundleInput, UpdateBundleInput } from "../domain/task-input.js";
import { getBundle, listBundles, listBundleTasks } from "../services/bundle-queries.js";
import { instantiateBundle } from "../services/instantiate-bundle.js";
import { rescheduleBundle } from "../services/reschedule-bundle.js";
import { updateBundle } from "../services/update-bundle.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses } from "./route-kit.js";

const BundleWithTasks = z.object({ bundle: Bundle, tasks: z.array(Task) });
const IdempotencyHeader = z.object({ "idempotency-key": ClientIdempotencyKey.optional() });

export function bundleRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/bundles",
        summary: "Start a bundle from a workflow (or an empty one); Idempotency-Key makes retries safe",
        ...access("operator"),
        request: { headers: IdempotencyHeader, ...body(CreateBundleInput) },
        responses: responses({ 201: json(BundleWithTasks, "Created") }),
      }),
      async (c) =>
        c.json(await instantiateBundle(c.var.ctx, c.req.valid("json"), c.req.valid("header")["idempotency-key"]), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/bundles",
        summary: "List bundles, optionally by stage, status or workflowId",
        ...access("viewer"),
        request: { query: ListBundlesQuery },
        responses: responses({ 200: json(pageOf(Bundle)) }),
      }),
      async (c) => c.json(await listBundles(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/bundles/{id}",
        summary: "Get a bundle",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(Bundle) }),
      }),
      async (c) => c.json(await getBundle(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/bundles/{id}/tasks",
        summary: "A bundle's tasks in template order",
        ...access("viewer"),
        request: { params: IdParams, query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(Task)) }),
      }),
      async (c) => c.json(await listBundleTasks(c.var.ctx, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/api/bundles/{id}",
        summary: "Edit a bundle (status and counters are system-owned)",
        ...access("operator"),
        request: { params: IdParams, ...body(UpdateBundleInput) },
        responses: responses({ 200: json(Bundle) }),
      }),
      async (c) => c.json(await updateBundle(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/bundles/{id}/reschedule",
        summary: "Move the anchor date; open template tasks move with it",
        ...access("operator"),
        request: { params: IdParams, ...body(RescheduleBundleInput) },
        responses: responses({ 200: json(BundleWithTasks) }),
      }),
      async (c) => c.json(await rescheduleBundle(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    );
}
