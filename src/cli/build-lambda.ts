import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { SWAGGER_UI_FILES, swaggerUiDir } from "../routes/api-docs-assets.js";

/**
 * `npm run build:lambda`: bundles src/lambda.ts, src/lambda-scheduler.ts and src/lambda-worker.ts into
 * dist/*.mjs, with the content they serve: the layout infra/template.yaml's ApiFunction, SchedulerFunction
 * and WorkerFunction expect (CodeUri dist/, Handler lambda.handler / lambda-scheduler.handler / lambda-worker.handler).
 */
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/lambda.ts", "src/lambda-scheduler.ts", "src/lambda-worker.ts"],
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  // PGlite and pg stay out: production runs on DynamoDB.
  external: ["@electric-sql/pglite", "pg", "pg-native"],
  // Its own name for createRequire: a bundled module that imports createRequire would clash with a bare one.
  banner: {
    js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);",
  },
});
cpSync("content", "dist/content", { recursive: true });
// /docs reads its assets from swagger-ui-dist at run time, found as a package beside the bundle.
for (const name of ["package.json", ...SWAGGER_UI_FILES.keys()]) {
  cpSync(join(swaggerUiDir(), name), join("dist/node_modules/swagger-ui-dist", name));
}
console.log(
  "built dist/lambda.mjs, dist/lambda-scheduler.mjs and dist/lambda-worker.mjs with dist/content and the API reference's assets",
);
