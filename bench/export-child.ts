import { openPglite, openPostgres } from "../src/db/client.js";
import { createDrizzleRepository } from "../src/repositories/drizzle/drizzle-repository.js";
import { exportStore } from "../src/services/export-store.js";

/** One export in its own process, so its peak RSS is its own: `tsx bench/export-child.ts <pglite|postgres> <dir|url> <out>`. */
const [kind, location, out] = process.argv.slice(2) as [string, string, string];
const handle = kind === "pglite" ? await openPglite({ dataDir: location }) : await openPostgres(location, { max: 2 });
const repo = createDrizzleRepository(handle);
const start = performance.now();
const manifest = await exportStore(
  repo,
  out,
  { backend: kind, environment: "bench", gitSha: "bench" },
  new Date().toISOString(),
);
const seconds = (performance.now() - start) / 1000;
await repo.close();
const records = Object.values(manifest.entity_counts).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ records, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
