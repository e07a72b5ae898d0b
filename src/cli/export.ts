import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { openRepository } from "../repositories/open-repository.js";
import { exportSource } from "../services/export-source.js";
import { exportStore } from "../services/export-store.js";

/** `npm run export -- --out DIR`: a portable export of the configured store (STORAGE and its settings). */
const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("usage: npm run export -- --out DIR");
  process.exit(2);
}
try {
  const config = loadConfig();
  const repo = await openRepository(config);
  try {
    const manifest = await exportStore(
      repo,
      values.out,
      exportSource(config.storage, config.nodeEnv),
      new Date().toISOString(),
    );
    const total = Object.values(manifest.entity_counts).reduce((a, b) => a + b, 0);
    console.log(`exported ${total} records to ${values.out}`);
    for (const [entity, count] of Object.entries(manifest.entity_counts)) console.log(`  ${entity}: ${count}`);
  } finally {
    await repo.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
}
