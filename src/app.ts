import { OpenAPIHono } from "@hono/zod-openapi";
import type { Ctx } from "./domain/ctx.js";
import type { AppEnv } from "./routes/app-env.js";
import { errorResponse, onError, validationHook } from "./routes/error-envelope.js";
import { healthRoutes } from "./routes/health.js";
import { workflowRoutes } from "./routes/workflows.js";

export type AppDeps = {
  /** Builds the per-request context (repository, clock, ids, catalog). */
  makeCtx: () => Ctx;
  storage: string;
};

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", async (c, next) => {
    c.set("ctx", deps.makeCtx());
    await next();
  });
  app.route("/", healthRoutes(deps.storage));
  app.route("/", workflowRoutes());
  app.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "work-engine", version: "0.1.0" } });
  app.notFound((c) => errorResponse(c, "not_found", `no route for ${c.req.method} ${c.req.path}`));
  app.onError(onError);
  return app;
}
