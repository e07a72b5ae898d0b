import { createMiddleware } from "hono/factory";
import { authenticate } from "../services/authenticate.js";
import type { AppEnv } from "./app-env.js";
import { errorResponse } from "./error-envelope.js";
import { PROBE_PATHS } from "./health.js";
import { WEBHOOK_PATH_PREFIX } from "./webhooks.js";

/**
 * Every /api route but the probes and signed webhooks (which check their signature) needs a valid
 * token; without one the answer is always the same 401.
 */
export const requireToken = createMiddleware<AppEnv>(async (c, next) => {
  if (PROBE_PATHS.includes(c.req.path) || c.req.path.startsWith(WEBHOOK_PATH_PREFIX)) return next();
  const actor = await authenticate(c.var.ctx, c.req.header("authorization"));
  if (!actor) return errorResponse(c, "unauthorized", "a valid bearer token is required");
  c.set("ctx", { ...c.var.ctx, actor });
  await next();
});
