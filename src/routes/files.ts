import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { PayloadTooLargeError, ValidationError } from "../domain/errors.js";
import { FileRecord } from "../domain/file-record.js";
import { ListFilesQuery } from "../domain/list-queries.js";
import { deleteFile } from "../services/delete-file.js";
import { downloadFile, getFile, listFiles } from "../services/file-queries.js";
import { uploadFile } from "../services/upload-file.js";
import { router } from "./app-env.js";
import { access, IdParams, json, pageOf, responses } from "./route-kit.js";

const UploadForm = z.object({
  taskId: z.string(),
  category: z.string().optional(),
  file: z.any().openapi({ type: "string", format: "binary" }),
});
const MULTIPART_OVERHEAD = 64 * 1024;

export function fileRoutes(maxFileBytes: number) {
  const upload = createRoute({
    method: "post",
    path: "/api/files",
    summary: "Upload a file for a task (multipart: taskId, file, category?); too large is 413",
    // The role first, then a limit that stops an oversized body before it is read (checked again while streaming).
    ...access(
      "operator",
      bodyLimit({
        maxSize: maxFileBytes + MULTIPART_OVERHEAD,
        onError: () => {
          throw new PayloadTooLargeError("the file", maxFileBytes);
        },
      }),
    ),
    request: { body: { content: { "multipart/form-data": { schema: UploadForm } }, required: true } },
    responses: responses({ 201: json(FileRecord, "Created"), 413: { description: "payload_too_large" } }),
  });
  return router()
    .openapi(upload, async (c) => {
      if (!(c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
        throw new ValidationError("send the upload as multipart/form-data with taskId and file", {
          issues: [{ path: "(body)", message: "not multipart" }],
        });
      }
      const form = await c.req.parseBody();
      return c.json(
        await uploadFile(c.var.ctx, { taskId: form.taskId, category: form.category, file: form.file }),
        201,
      );
    })
    .openapi(
      createRoute({
        method: "get",
        path: "/api/files",
        summary: "A task's files",
        ...access("viewer"),
        request: { query: ListFilesQuery },
        responses: responses({ 200: json(pageOf(FileRecord)) }),
      }),
      async (c) => c.json(await listFiles(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/files/{id}",
        summary: "A file's metadata",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(FileRecord) }),
      }),
      async (c) => c.json(await getFile(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/files/{id}/download",
        summary: "The bytes (local storage) or a short-lived presigned URL (S3)",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: { description: "File bytes, or { url, expiresAt }" } }),
      }),
      async (c) => {
        const { download, delivery } = await downloadFile(c.var.ctx, c.req.valid("param").id);
        if (download.kind === "url") return c.json({ url: download.url, expiresAt: download.expiresAt }, 200);
        c.header("content-type", delivery.contentType);
        c.header("content-disposition", delivery.contentDisposition);
        c.header("content-length", String(download.sizeBytes));
        return c.body(download.body, 200);
      },
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/files/{id}",
        summary: "Delete a file (not the last proof of a done task: 422)",
        ...access("operator"),
        request: { params: IdParams },
        responses: responses({ 204: { description: "Deleted" } }),
      }),
      async (c) => {
        await deleteFile(c.var.ctx, c.req.valid("param").id);
        return c.body(null, 204);
      },
    );
}
