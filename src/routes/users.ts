import { createRoute, z } from "@hono/zod-openapi";
import { ExpectedVersionQuery, PageOnlyQuery } from "../domain/list-queries.js";
import { PublicToken, User } from "../domain/user.js";
import { CreateUserInput, IssueTokenInput, UpdateUserInput } from "../domain/user-input.js";
import { issueToken, listTokens, revokeToken } from "../services/api-tokens.js";
import { createUser, updateUser } from "../services/user-admin.js";
import { getMe, getUser, listUsers } from "../services/user-queries.js";
import { router } from "./app-env.js";
import { access, body, IdParams, json, pageOf, responses, TokenParams } from "./route-kit.js";

const IssuedToken = PublicToken.extend({ token: z.string().describe("The secret; shown this once, never again") });

export function userRoutes() {
  return router()
    .openapi(
      createRoute({
        method: "get",
        path: "/api/me",
        summary: "The authenticated user",
        ...access("viewer"),
        responses: responses({ 200: json(User) }),
      }),
      (c) => c.json(getMe(c.var.ctx), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/users",
        summary: "Add a user (admin)",
        ...access("admin"),
        request: body(CreateUserInput),
        responses: responses({ 201: json(User, "Created") }),
      }),
      async (c) => c.json(await createUser(c.var.ctx, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/users",
        summary: "List users",
        ...access("viewer"),
        request: { query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(User)) }),
      }),
      async (c) => c.json(await listUsers(c.var.ctx, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/users/{id}",
        summary: "Get a user",
        ...access("viewer"),
        request: { params: IdParams },
        responses: responses({ 200: json(User) }),
      }),
      async (c) => c.json(await getUser(c.var.ctx, c.req.valid("param").id), 200),
    )
    .openapi(
      createRoute({
        method: "patch",
        path: "/api/users/{id}",
        summary: "Rename, change role, disable (admin)",
        ...access("admin"),
        request: { params: IdParams, ...body(UpdateUserInput) },
        responses: responses({ 200: json(User) }),
      }),
      async (c) => c.json(await updateUser(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/api/users/{id}/tokens",
        summary: "Issue a token (admin, or the user for itself)",
        ...access("viewer"),
        request: { params: IdParams, ...body(IssueTokenInput) },
        responses: responses({ 201: json(IssuedToken, "Created") }),
      }),
      async (c) => c.json(await issueToken(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/api/users/{id}/tokens",
        summary: "A user's tokens, without secrets (admin, or the user)",
        ...access("viewer"),
        request: { params: IdParams, query: PageOnlyQuery },
        responses: responses({ 200: json(pageOf(PublicToken)) }),
      }),
      async (c) => c.json(await listTokens(c.var.ctx, c.req.valid("param").id, c.req.valid("query")), 200),
    )
    .openapi(
      createRoute({
        method: "delete",
        path: "/api/users/{id}/tokens/{tokenId}",
        summary: "Revoke a token (admin, or the user)",
        ...access("viewer"),
        request: { params: TokenParams, query: ExpectedVersionQuery },
        responses: responses({ 204: { description: "Revoked" } }),
      }),
      async (c) => {
        const { id, tokenId } = c.req.valid("param");
        await revokeToken(c.var.ctx, id, tokenId, c.req.valid("query").expectedVersion);
        return c.body(null, 204);
      },
    );
}
