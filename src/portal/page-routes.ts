import type { Hono } from "hono";
import { artifactsPage } from "./pages/artifacts.js";
import { bundlePage } from "./pages/bundle.js";
import { bundlesPage } from "./pages/bundles.js";
import { processDocPage } from "./pages/process-doc.js";
import { runPage } from "./pages/run.js";
import { taskPage } from "./pages/task.js";
import { todayPage } from "./pages/today.js";
import { workflowsPage } from "./pages/workflows.js";
import { signedIn } from "./portal-auth.js";
import type { PortalEnv } from "./portal-env.js";

/** Every page needs a live session; each renders from the same services the API calls. */
export function pageRoutes(app: Hono<PortalEnv>) {
  app.get("/", signedIn, (c) => todayPage(c));
  app.get("/bundles", signedIn, (c) => bundlesPage(c));
  app.get("/bundles/:id", signedIn, (c) => bundlePage(c, c.req.param("id")));
  app.get("/bundles/:id/artifacts", signedIn, (c) => artifactsPage(c, c.req.param("id")));
  app.get("/bundles/:id/run", signedIn, (c) => runPage(c));
  app.get("/tasks/:id", signedIn, (c) => taskPage(c, c.req.param("id")));
  app.get("/workflows", signedIn, (c) => workflowsPage(c));
  app.get("/process-docs/:docId", signedIn, (c) => processDocPage(c));
}
