import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import type { Ctx } from "./domain/ctx.js";
import { DEFAULT_SESSION_HOURS } from "./domain/session.js";
import type { Logger } from "./log/logger.js";
import { pageNotFound, wantsPage } from "./portal/portal-errors.js";
import { portalRoutes } from "./portal/portal-routes.js";
import { apiDocsRoutes } from "./routes/api-docs.js";
import type { AppEnv } from "./routes/app-env.js";
import { artifactRoutes } from "./routes/artifacts.js";
import { assistantJobRoutes } from "./routes/assistant-jobs.js";
import { auditEventRoutes } from "./routes/audit-events.js";
import { requireToken } from "./routes/authentication.js";
import { bundleUiRoutes } from "./routes/bundle-ui.js";
import { bundleRoutes } from "./routes/bundles.js";
import { errorHandler, errorResponse, validationHook } from "./routes/error-envelope.js";
import { eventRoutes } from "./routes/events.js";
import { exportRoutes } from "./routes/exports.js";
import { fileRoutes } from "./routes/files.js";
import { healthRoutes } from "./routes/health.js";
import { notificationRoutes } from "./routes/notifications.js";
import { recurringConfigRoutes } from "./routes/recurring-configs.js";
import { guardRequest } from "./routes/request-guard.js";
import { requestLog } from "./routes/request-log.js";
import { responseHeaders } from "./routes/response-headers.js";
import { runRoutes } from "./routes/runs.js";
import { schedulerRoutes } from "./routes/scheduler.js";
import { taskTransitionRoutes } from "./routes/task-transitions.js";
import { taskRoutes } from "./routes/tasks.js";
import { userRoutes } from "./routes/users.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { workflowRoutes } from "./routes/workflows.js";
import type { Mailer } from "./scheduler/digest.js";

export type AppDeps = {
  /** Builds the per-request context (repository, clock, ids, catalog); the actor is added after auth. */
  makeCtx: () => Ctx;
  storage: string;
  log: Logger;
  /** Digest delivery for ticks run through the API; absent without SMTP_URL. */
  mailer?: Mailer;
  /** Each workflow's webhook secret (WEBHOOK_SECRETS); a workflow without one takes no webhooks. */
  webhookSecrets?: ReadonlyMap<string, string>;
  /** How long a portal sign-in lasts (SESSION_HOURS). */
  sessionHours?: number;
};

/** A well-formed incoming X-Request-Id is kept (letters, digits, `_`, `-`, `=`; at most 128); else a UUID. */
const REQUEST_ID_MAX = 128;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", requestId({ limitLength: REQUEST_ID_MAX }));
  app.use("*", requestLog(deps.log));
  app.use("*", responseHeaders);
  app.use("*", async (c, next) => {
    c.set("ctx", deps.makeCtx());
    await next();
  });
  app.use("/api/*", requireToken);
  app.use("/api/*", guardRequest);
  for (const routes of [
    healthRoutes(deps.storage),
    userRoutes(),
    workflowRoutes(),
    bundleRoutes(),
    runRoutes(),
    bundleUiRoutes(),
    eventRoutes(),
    webhookRoutes(deps.webhookSecrets ?? new Map()),
    taskRoutes(),
    taskTransitionRoutes(),
    auditEventRoutes(),
    artifactRoutes(),
    fileRoutes(deps.makeCtx().policy.maxFileBytes),
    assistantJobRoutes(),
    notificationRoutes(),
    recurringConfigRoutes(),
    schedulerRoutes(deps.log, deps.mailer),
    exportRoutes(),
    apiDocsRoutes(),
  ]) {
    app.route("/", routes);
  }
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.doc31("/openapi.json", { openapi: "3.1.0", info: { title: "work-engine", version: "0.1.0" } });
  // Last: the portal's pages sit beside the API, never in front of it.
  app.route(
    "/",
    portalRoutes({
      log: deps.log,
      sessionHours: deps.sessionHours ?? DEFAULT_SESSION_HOURS,
      maxFileBytes: deps.makeCtx().policy.maxFileBytes,
    }),
  );
  app.notFound((c) =>
    wantsPage(c) ? pageNotFound(c) : errorResponse(c, "not_found", `no route for ${c.req.method} ${c.req.path}`),
  );
  app.onError(errorHandler(deps.log));
  return app;
}
