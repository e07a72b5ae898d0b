import { createRoute, z } from "@hono/zod-openapi";
import { checkReadiness } from "../services/readiness.js";
import { router } from "./app-env.js";
import { ErrorEnvelope } from "./error-envelope.js";
import { json } from "./route-kit.js";

const HealthResponse = z.object({ status: z.literal("ok"), storage: z.string() }).openapi("Health");

/** The two probes; neither needs a token (see authentication.ts). */
export const PROBE_PATHS = ["/api/health", "/api/ready"];

export function healthRoutes(storage: string) {
  return router()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/health",
        summary: "Liveness: the process answers; it touches nothing else. Needs no token",
        responses: { 200: json(HealthResponse, "Service is up") },
      }),
      (c) => c.json({ status: "ok" as const, storage }, 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/ready",
        summary: "Readiness: the store answers a trivial read within 2 s. Needs no token",
        responses: {
          200: json(HealthResponse, "Ready to serve"),
          503: json(ErrorEnvelope, "unavailable: the store cannot be reached"),
        },
      }),
      async (c) => {
        await checkReadiness(c.var.ctx);
        return c.json({ status: "ok" as const, storage }, 200);
      },
    );
}
