import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";

/**
 * Set after the answer is made, so errors and 404s get them too. `nosniff` everywhere: a browser runs
 * a body only as the type it is declared. `no-store` under /api: answers there are one user's data, and
 * an issued token's secret must not outlive the answer that shows it. `Server-Timing: app` is the time
 * the app spent on the answer, what the page benchmark reads.
 */
export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  const start = performance.now();
  await next();
  setHeader(c, "X-Content-Type-Options", "nosniff");
  setHeader(c, "Server-Timing", `app;dur=${(performance.now() - start).toFixed(1)}`);
  if (c.req.path.startsWith("/api/")) setHeader(c, "Cache-Control", "no-store");
});

/**
 * On the answer's own headers: `c.header` on a finished answer rebuilds it, body stream and all,
 * which cost a tenth of a small request. Headers that cannot change (a fetched answer's) go through it.
 */
function setHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
