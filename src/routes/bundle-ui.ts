import { createRoute } from "@hono/zod-openapi";
import { BundleUi } from "../domain/bundle-ui.js";
import { getBundleUi } from "../services/bundle-ui.js";
import { router } from "./app-env.js";
import { access, IdParams, json, NoOptions, responses } from "./route-kit.js";

/** The UI components a bundle's workflow declares that apply now, for the caller's role. */
export function bundleUiRoutes() {
  return router().openapi(
    createRoute({
      method: "get",
      path: "/api/bundles/{id}/ui",
      summary: "The workflow's UI components whose condition holds for this bundle and caller, by priority",
      ...access("viewer"),
      request: { params: IdParams, query: NoOptions },
      responses: responses({ 200: json(BundleUi) }),
    }),
    async (c) => c.json(await getBundleUi(c.var.ctx, c.req.valid("param").id), 200),
  );
}
