import { OpenAPIHono } from "@hono/zod-openapi";
import type { Ctx } from "../domain/ctx.js";
import { validationHook } from "./error-envelope.js";

export type AppEnv = { Variables: { ctx: Ctx } };

/** A sub-app whose request validation failures use our error envelope. */
export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
