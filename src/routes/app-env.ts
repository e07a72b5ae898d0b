import { OpenAPIHono } from "@hono/zod-openapi";
import type { Ctx } from "../domain/ctx.js";
import { validationHook } from "./error-envelope.js";

/** Per request: the services' context, and the id its log line and any error envelope carry. */
export type AppEnv = { Variables: { ctx: Ctx; requestId: string } };

/** A sub-app whose request validation failures use our error envelope. */
export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
