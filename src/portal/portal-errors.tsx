import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, ERROR_STATUS } from "../domain/errors.js";
import type { Logger } from "../log/logger.js";
import { loggableError } from "../routes/loggable-error.js";
import type { PortalEnv } from "./portal-env.js";
import { renderProblem } from "./render.js";

const TITLES: Partial<Record<number, string>> = {
  400: "Not understood",
  403: "Not allowed",
  404: "Not found",
  409: "Changed meanwhile",
};

/** A page's error as a page, never JSON: the refusal in words, or for a bug a request ID to quote. */
export const portalErrorHandler = (log: Logger) => (error: Error, c: Context<PortalEnv>) => {
  const viewer = c.get("viewer");
  if (error instanceof DomainError) {
    const status = ERROR_STATUS[error.code] as ContentfulStatusCode;
    return renderProblem(c, { status, title: TITLES[status] ?? "Refused", message: error.message, viewer });
  }
  const requestId: string = c.get("requestId") ?? "";
  log.error("unexpected error", { requestId, method: c.req.method, error: loggableError(error) });
  return renderProblem(c, {
    status: 500,
    title: "Something went wrong",
    message: `The page could not be shown. If it happens again, quote request ID ${requestId}.`,
    viewer,
  });
};

/** A browser asking for a page that does not exist gets a page saying so; API clients keep the JSON envelope. */
export function wantsPage(c: Context): boolean {
  return !c.req.path.startsWith("/api/") && (c.req.header("accept") ?? "").includes("text/html");
}

export const pageNotFound = (c: Context) =>
  renderProblem(c, { status: 404, title: "Not found", message: `There is no page at ${c.req.path}.` });
