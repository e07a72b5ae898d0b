import type { MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../log/logger.js";
import { actionRoutes } from "./action-routes.js";
import { pageRoutes } from "./page-routes.js";
import type { PortalEnv } from "./portal-env.js";
import { portalErrorHandler } from "./portal-errors.js";
import { PORTAL_CSS, STYLE_PATH } from "./portal-style.js";
import { renderProblem } from "./render.js";
import { signInRoutes } from "./sign-in-routes.js";

export type PortalDeps = { log: Logger; sessionHours: number; maxFileBytes: number };

/** Forms are small; an upload may be as large as a file may be, plus its form fields. */
const FORM_MAX_BYTES = 256 * 1024;
const limit = (maxSize: number): MiddlewareHandler<PortalEnv> =>
  bodyLimit({
    maxSize,
    onError: (c) =>
      renderProblem(c, {
        status: 413,
        title: "Too large",
        message: "What was sent is too large; nothing was changed.",
      }),
  });

/** The operator portal: server-rendered pages at `/`, plain forms that work without JavaScript. */
export function portalRoutes(deps: PortalDeps) {
  const app = new Hono<PortalEnv>();
  app.onError(portalErrorHandler(deps.log));
  app.get(STYLE_PATH, (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(PORTAL_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  signInRoutes(app, { sessionHours: deps.sessionHours, formLimit: limit(FORM_MAX_BYTES) });
  pageRoutes(app);
  actionRoutes(app, { formLimit: limit(FORM_MAX_BYTES), uploadLimit: limit(deps.maxFileBytes + FORM_MAX_BYTES) });
  return app;
}
