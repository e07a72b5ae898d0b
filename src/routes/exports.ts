import { createRoute } from "@hono/zod-openapi";
import { CreateExportInput, ExportSummary } from "../domain/export-summary.js";
import { PageOnlyQuery } from "../domain/list-queries.js";
import { createExport } from "../services/create-export.js";
import { listExports } from "../services/export-queries.js";
import { router } from "./app-env.js";
import { access, json, pageOf, responses } from "./route-kit.js";

/** Backups of a running server, in the `npm run export` format, under EXPORT_DIR. */
export function exportRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/api/exports",
        summary: "Export the whole store into a new directory under EXPORT_DIR (admin)",
        ...access("admin"),
        request: { body: { content: { "application/json": { schema: CreateExportInput } }, required: false } },
        responses: responses({ 201: json(ExportSummary, "Written") }),
      }),
      async (c) => c.json(await createExport(c.var.ctx), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/exports",
        summary: "The exports under EXPORT_DIR, newest first (admin)",
        ...access("admin"),
        request: { query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(ExportSummary)) }),
      }),
      async (c) => c.json(await listExports(c.var.ctx, c.req.valid("query")), 200),
    );
}
