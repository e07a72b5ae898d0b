import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

/**
 * `npm run build:lambda`: bundles src/lambda.ts into dist/lambda.mjs with the content it serves,
 * the layout infra/template.yaml's ApiFunction expects (CodeUri dist/, Handler lambda.handler).
 */
rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/lambda.ts"],
  outfile: "dist/lambda.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  // PGlite and pg stay out: production runs on DynamoDB.
  external: ["@electric-sql/pglite", "pg", "pg-native"],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
cpSync("content", "dist/content", { recursive: true });
console.log("built dist/lambda.mjs with dist/content");
