import { createRoute, z } from "@hono/zod-openapi";
import { router } from "./app-env.js";

const HealthResponse = z.object({ status: z.literal("ok"), storage: z.string() }).openapi("Health");

export function healthRoutes(storage: string) {
  return router().openapi(
    createRoute({
      method: "get",
      path: "/api/health",
      summary: "Liveness; needs no token",
      responses: { 200: { description: "Service is up", content: { "application/json": { schema: HealthResponse } } } },
    }),
    (c) => c.json({ status: "ok" as const, storage }, 200),
  );
}
