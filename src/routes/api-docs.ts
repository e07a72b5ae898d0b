import { type DocsAsset, INIT_SCRIPT_NAME, loadDocsAssets } from "./api-docs-assets.js";
import { router } from "./app-env.js";
import { errorResponse } from "./error-envelope.js";

const ASSETS_PATH = "/docs/assets";

/** swagger-ui sets inline styles and draws some icons as data: images; everything else comes from here. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

function docsPage(assets: ReadonlyMap<string, DocsAsset>): string {
  const url = (name: string) => `${ASSETS_PATH}/${name}?v=${assets.get(name)?.version ?? ""}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>work-engine API reference</title>
<link rel="stylesheet" href="${url("swagger-ui.css")}">
<link rel="icon" type="image/png" href="${url("favicon-32x32.png")}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${url("swagger-ui-bundle.js")}"></script>
<script src="${url(INIT_SCRIPT_NAME)}"></script>
</body>
</html>
`;
}

/** `GET /docs`: the API reference rendered by swagger-ui from /openapi.json, every asset served from npm. */
export function apiDocsRoutes() {
  let loading: Promise<ReadonlyMap<string, DocsAsset>> | undefined;
  // Read on first use rather than at start-up, and tried again after a failure instead of caching it.
  const assets = () =>
    (loading ??= loadDocsAssets().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  return router()
    .get("/docs", async (c) => {
      c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      c.header("Cache-Control", "no-cache");
      return c.html(docsPage(await assets()));
    })
    .get(`${ASSETS_PATH}/:name`, async (c) => {
      const found = (await assets()).get(c.req.param("name"));
      if (!found) return errorResponse(c, "not_found", "no such API reference asset");
      c.header("Content-Type", found.contentType);
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      return c.body(found.body);
    });
}
