import { benchApi } from "./api.js";
import { BENCH_BACKENDS } from "./backends.js";
import { benchEngine } from "./engine.js";
import { benchExport } from "./export.js";
import { benchHttp } from "./http.js";
import { benchMigration } from "./migration.js";
import { benchRepo } from "./repo.js";
import { benchScheduler } from "./scheduler.js";

/** `npm run bench -- <suite> [backend...]`: suites print tables; backends default to all. */
const [suite, ...only] = process.argv.slice(2);
const all = BENCH_BACKENDS;
const chosen = (only.length > 0 ? only : Object.keys(all)).map((name) => {
  const make = all[name as keyof typeof all];
  if (!make) throw new Error(`unknown backend ${name}; choose from ${Object.keys(all).join(", ")}`);
  return make();
});

try {
  switch (suite) {
    case "repo":
      await benchRepo(chosen);
      break;
    case "api":
      await benchApi(chosen);
      break;
    case "http":
      await benchHttp(chosen);
      break;
    case "scheduler":
      await benchScheduler(chosen);
      break;
    case "engine":
      await benchEngine(chosen);
      break;
    case "export":
      await benchExport();
      break;
    case "migration":
      await benchMigration();
      break;
    default:
      console.error(
        "usage: npm run bench -- <repo|http|api|scheduler|engine|export|migration> [pglite|postgres|dynamodb ...]",
      );
      process.exitCode = 2;
  }
} finally {
  for (const backend of chosen) await backend.shutdown?.();
}
