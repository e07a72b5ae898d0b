import { createRoute, z } from "@hono/zod-openapi";
import type { Logger } from "../log/logger.js";
import type { Mailer } from "../scheduler/digest.js";
import { runTick } from "../scheduler/tick.js";
import { router } from "./app-env.js";
import { access, json, NoOptions, optionalBody, responses } from "./route-kit.js";

const TickResult = z.object({
  notifications: z.number().int(),
  tasks: z.number().int(),
  bundles: z.number().int(),
  runs: z.number().int(),
  logsPurged: z.number().int(),
  sessionsPurged: z.number().int(),
  failures: z.number().int(),
  emails: z.number().int(),
  leaseHeld: z.boolean(),
});

export function schedulerRoutes(log: Logger, mailer: Mailer | undefined) {
  return router().openapi(
    createRoute({
      method: "post",
      path: "/api/scheduler/tick",
      summary: "Run one scheduler tick now (as the system); leaseHeld: another tick was running, nothing done",
      ...access("admin"),
      request: { query: NoOptions, ...optionalBody(NoOptions) },
      responses: responses({ 200: json(TickResult) }),
    }),
    async (c) => c.json(await runTick(c.var.ctx, { log, mailer }), 200),
  );
}
