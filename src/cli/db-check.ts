import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/**
 * `npm run db:check`: fails when src/db/schema.ts has changes no migration holds. It runs
 * drizzle-kit generate against a copy of the migrations; any new file there means drift.
 */
const migrations = "src/db/migrations";
const scratch = mkdtempSync(join(tmpdir(), "work-engine-db-check-"));
try {
  cpSync(migrations, scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  // drizzle-kit prefixes --out with "./", so it must be relative to the working directory.
  const out = relative(process.cwd(), scratch);
  const output = execFileSync(
    "npx",
    [
      "drizzle-kit",
      "generate",
      "--dialect=postgresql",
      "--schema=src/db/schema.ts",
      `--out=${out}`,
      "--casing=snake_case",
      "--name=drift",
    ],
    { stdio: "pipe", encoding: "utf8" },
  );
  const added = readdirSync(scratch).filter((name) => !before.has(name));
  if (added.length === 0 && !/No schema changes/.test(output)) {
    console.error(`db check could not compare the schema with the migrations:\n${output}`);
    process.exit(1);
  }
  if (added.length > 0) {
    console.error("src/db/schema.ts has changes no migration holds: run npm run db:generate -- --name <what>");
    process.exit(1);
  }
  console.log("db check passed: schema and migrations agree");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
