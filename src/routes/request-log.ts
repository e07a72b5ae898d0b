import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { Logger } from "../log/logger.js";
import type { AppEnv } from "./app-env.js";

/**
 * One line per request, written when the answer is ready: its id, method, route pattern (never the
 * path's values or the query), status, duration and who asked. Bodies, headers and tokens stay out.
 */
export function requestLog(log: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const start = performance.now();
    await next();
    log.info("request", {
      requestId: c.var.requestId,
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      durationMs: Math.round((performance.now() - start) * 100) / 100,
      userId: c.var.ctx?.actor?.userId,
    });
  });
}

/** The pattern of the route that answered (`/api/tasks/:id`), or null when none matched (a 404). */
function routePattern(c: Context): string | null {
  const route = matchedRoutes(c).findLast((r) => r.method !== "ALL");
  return route?.path ?? null;
}
