import { z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { ForbiddenError, UnauthorizedError } from "../domain/errors.js";
import { hasRole } from "../domain/roles.js";
import type { UserRole } from "../domain/user.js";
import type { AppEnv } from "./app-env.js";
import { ErrorEnvelope } from "./error-envelope.js";

/** Refuses the request before validation unless the actor holds at least `role`. */
const roleGate = (role: UserRole) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const actor = c.var.ctx.actor;
    if (!actor) throw new UnauthorizedError();
    if (!hasRole(actor.role, role)) throw new ForbiddenError(`this needs the ${role} role; you are ${actor.role}`);
    await next();
  });

const errors = {
  400: {
    description: "validation_failed (failing field paths in details.issues)",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
  401: { description: "unauthorized", content: { "application/json": { schema: ErrorEnvelope } } },
  403: { description: "forbidden", content: { "application/json": { schema: ErrorEnvelope } } },
  404: { description: "not_found", content: { "application/json": { schema: ErrorEnvelope } } },
  409: {
    description: "version_conflict (expectedVersion, currentVersion, current) or conflict",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
  422: {
    description: "proof_missing or invalid_transition",
    content: { "application/json": { schema: ErrorEnvelope } },
  },
} as const;

/** Who may call a route: its middleware, its OpenAPI security and its documented minimum role. */
export function access(role: UserRole, ...after: MiddlewareHandler<AppEnv>[]) {
  return { middleware: [roleGate(role), ...after], security: [{ bearer: [] as string[] }], "x-min-role": role };
}

export function json<S extends z.ZodType>(schema: S, description = "OK") {
  return { description, content: { "application/json": { schema } } };
}

export function body<S extends z.ZodType>(schema: S) {
  return { body: { content: { "application/json": { schema } }, required: true } };
}

/** A JSON body a route may be sent or not (an action with no options); when sent it must validate. */
export function optionalBody<S extends z.ZodType>(schema: S) {
  return { body: { content: { "application/json": { schema } }, required: false } };
}

/** No options at all: an empty JSON object if anything, and no query parameters. */
export const NoOptions = z.strictObject({});

export function responses<R extends Record<number, unknown>>(ok: R) {
  return { ...errors, ...ok };
}

export const pageOf = <S extends z.ZodType>(schema: S) =>
  z.object({ items: z.array(schema), nextCursor: z.string().nullable() });

const Id = z.string().min(1).max(200);
export const IdParams = z.object({ id: Id });
export const TokenParams = z.object({ id: Id, tokenId: Id });
export const WorkflowParams = z.object({ workflowId: Id });
