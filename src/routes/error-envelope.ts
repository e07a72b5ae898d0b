import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { holdsUncleanText, UNCLEAN_TEXT } from "../domain/clean-text.js";
import { DomainError, ERROR_CODES, ERROR_STATUS, type ErrorCode } from "../domain/errors.js";
import { fieldIssues } from "../domain/validation-issues.js";
import type { Logger } from "../log/logger.js";
import { loggableError } from "./loggable-error.js";

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
      requestId: z.string().describe("The request's X-Request-Id: quote it when reporting a problem"),
    }),
  })
  .openapi("Error");

export function errorResponse(c: Context, code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
  const requestId: string = c.get("requestId") ?? "";
  return c.json({ error: { code, message, details, requestId } }, ERROR_STATUS[code] as ContentfulStatusCode);
}

/** The one mapping from thrown errors to the envelope; unknown errors are a logged, generic 500. */
export const errorHandler = (log: Logger) => (error: Error, c: Context) => {
  if (error instanceof DomainError) return errorResponse(c, error.code, error.message, error.details);
  if (error instanceof z.ZodError) {
    return errorResponse(c, "validation_failed", "invalid request", { issues: fieldIssues(error) });
  }
  if (error instanceof SyntaxError && /JSON/.test(error.message)) {
    return errorResponse(c, "validation_failed", "request body is not valid JSON");
  }
  // Hono's own client errors (a malformed body or header), in our envelope: 413, 415 and 401 keep their
  // status, any other is a 400.
  if (error instanceof HTTPException && error.status < 500) {
    const code =
      error.status === 413
        ? "payload_too_large"
        : error.status === 415
          ? "unsupported_media_type"
          : error.status === 401
            ? "unauthorized"
            : "validation_failed";
    return errorResponse(c, code, error.message || "malformed request");
  }
  const requestId: string = c.get("requestId") ?? "";
  log.error("unexpected error", { requestId, method: c.req.method, error: loggableError(error) });
  return c.json({ error: { code: "internal", message: "internal error", details: {}, requestId } }, 500);
};

/** zod-openapi's hook: a request that fails its schema becomes a 400 naming each field path. */
export function validationHook(
  result: { success: true; data?: unknown } | { success: false; error: z.ZodError },
  c: Context,
) {
  // Valid input holding a NUL or a lone surrogate is refused too: Postgres text cannot store a NUL, a lone
  // surrogate is stored as U+FFFD by one backend and refused by another, and every backend takes the same input.
  if (result.success && holdsUncleanText(result.data)) {
    return errorResponse(c, "validation_failed", UNCLEAN_TEXT.message, { issues: [UNCLEAN_TEXT.issue] });
  }
  if (!result.success) {
    const issues = fieldIssues(result.error);
    return errorResponse(
      c,
      "validation_failed",
      `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      {
        issues,
      },
    );
  }
  return undefined;
}
