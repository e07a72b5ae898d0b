import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type DocsAsset = { body: Uint8Array<ArrayBuffer>; contentType: string; version: string };

/** The only files of swagger-ui-dist the app serves: a request names a key here, never a path. */
export const SWAGGER_UI_FILES = new Map([
  ["swagger-ui-bundle.js", "text/javascript; charset=utf-8"],
  ["swagger-ui.css", "text/css; charset=utf-8"],
  ["favicon-32x32.png", "image/png"],
]);

/** Our own start-up script, served as a file so the page needs no inline script under its CSP. */
export const INIT_SCRIPT_NAME = "docs-init.js";
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
});
`;

/** swagger-ui-dist's directory, found the way Node finds the package (no path of this machine is kept). */
export function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
}

function asset(bytes: Uint8Array, contentType: string): DocsAsset {
  // A content hash in the page's asset URLs: the assets can be cached for a year and still change on upgrade.
  const version = createHash("sha256").update(bytes).digest("base64url").slice(0, 16);
  return { body: new Uint8Array(bytes), contentType, version };
}

/** Reads the allow-listed files once; the caller keeps the result in memory. */
export async function loadDocsAssets(): Promise<ReadonlyMap<string, DocsAsset>> {
  const dir = swaggerUiDir();
  const assets = new Map<string, DocsAsset>();
  for (const [name, contentType] of SWAGGER_UI_FILES) {
    assets.set(name, asset(await readFile(join(dir, name)), contentType));
  }
  assets.set(INIT_SCRIPT_NAME, asset(new TextEncoder().encode(INIT_SCRIPT), "text/javascript; charset=utf-8"));
  return assets;
}
