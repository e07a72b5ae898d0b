import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { openPostgres } from "../db/client.js";
import { migrateDryRun } from "../migration/migrate-dry-run.js";
import { createDynamoContext } from "../repositories/dynamo/dynamo-context.js";
import { createDynamoRepository } from "../repositories/dynamo/dynamo-repository.js";

/**
 * `npm run migrate:dry-run -- [--target-url URL] [--commit] [--report FILE]`: copies the DynamoDB store
 * (the usual DynamoDB settings) into Postgres in one transaction, verifies it, and rolls back unless
 * --commit. Prints a table, writes the same report as JSON, and exits 1 unless verification passed.
 */
const { values } = parseArgs({
  options: { "target-url": { type: "string" }, commit: { type: "boolean" }, report: { type: "string" } },
});
try {
  const config = loadConfig();
  const targetUrl = values["target-url"] ?? config.databaseUrl;
  if (!targetUrl) throw new ConfigError("give --target-url or DATABASE_URL");
  const source = createDynamoRepository(createDynamoContext(config.dynamodb));
  const target = await openPostgres(targetUrl, { max: 2 });
  try {
    const report = await migrateDryRun(source, target, { commit: values.commit === true });
    const reportFile = values.report ?? `migration-report-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log("| entity | source | target | checksum | problems |\n|---|---|---|---|---|");
    for (const row of report.entities) {
      console.log(
        `| ${row.entity} | ${row.sourceCount} | ${row.targetCount} | ${row.checksumMatch ? "match" : "DIFFERS"} | ${row.problems.join("; ") || "-"} |`,
      );
    }
    if (report.timings) {
      const t = report.timings;
      console.log(
        `copy ${t.copy.toFixed(1)} s (waiting for the source ${t.waitingForSource.toFixed(1)} s, writing Postgres ${t.writingTarget.toFixed(1)} s, putting indexes and foreign keys back ${t.constraints.toFixed(1)} s); verification ${t.verify.toFixed(1)} s`,
      );
    }
    if (report.error) console.error(`migration failed: ${report.error}`);
    console.log(
      `${report.passed ? "verification passed" : "verification FAILED"}; ${report.committed ? "committed" : "rolled back"}; report: ${reportFile}`,
    );
    process.exitCode = report.passed ? 0 : 1;
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
