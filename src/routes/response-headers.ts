import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";

/**
 * Set after the answer is made, so errors and 404s get them too. `nosniff` everywhere: a browser runs
 * a body only as the type it is declared. `no-store` under /api: answers there are one user's data, and
 * an issued token's secret must not outlive the answer that shows it.
 */
export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
  if (c.req.path.startsWith("/api/")) c.header("Cache-Control", "no-store");
});
