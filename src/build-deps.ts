import { resolve } from "node:path";
import type { AppDeps } from "./app.js";
import { type Config, ConfigError } from "./config.js";
import { formatProblem } from "./content/content-problem.js";
import { loadContent } from "./content/load-content.js";
import { systemClock } from "./domain/clock.js";
import type { Ctx } from "./domain/ctx.js";
import { createIdGenerator } from "./domain/ids.js";
import type { Logger } from "./log/logger.js";
import { openRepository } from "./repositories/open-repository.js";
import type { Repository } from "./repositories/repository.js";
import { mailerFor } from "./scheduler/digest.js";
import { bootstrapAdmin } from "./services/bootstrap-admin.js";
import { exportSource } from "./services/export-source.js";
import { registerWorkflowVersions } from "./services/register-workflow-versions.js";
import type { FileStorage } from "./storage/file-storage.js";
import { localDevStorage } from "./storage/local-dev-storage.js";
import { s3Storage } from "./storage/s3-storage.js";

/**
 * Start-up shared by the HTTP server and the Lambda handler: content, storage, versions.
 * `writesExports: false` where the file system is not ours to keep (Lambda): POST /api/exports is 409.
 */
export async function buildDeps(
  config: Config,
  log: Logger,
  options: { writesExports?: boolean } = {},
): Promise<AppDeps & { repo: Repository; onWake: (wake: () => void) => void }> {
  const { catalog, problems } = await loadContent(config.contentDir);
  if (problems.length > 0) {
    throw new ConfigError(
      `content in ${config.contentDir} has ${problems.length} problem(s); run npm run content:check\n${problems.map(formatProblem).join("\n")}`,
    );
  }
  const repo = await openRepository(config, log.warn);
  // The worker starts after start-up; until it does (or where there is none), waking it does nothing.
  const wakeHook: { wake?: () => void } = {};
  // One transport for the process: the scheduler's digests and the engine's email.send share it.
  const mailer = mailerFor(config.scheduler.digest.smtpUrl);
  const base: Ctx = {
    repo,
    clock: systemClock,
    ids: createIdGenerator(),
    catalog,
    policy: { localStorageAllowed: config.files.localStorageAllowed, maxFileBytes: config.files.maxBytes },
    storage: fileStorageFor(config),
    scheduler: config.scheduler,
    engine: { ...config.engine, wake: () => wakeHook.wake?.(), mailer, log },
    exports:
      options.writesExports === false
        ? undefined
        : { dir: resolve(config.exportDir), source: exportSource(config.storage, config.nodeEnv) },
  };
  for (const { version, created } of await registerWorkflowVersions(base)) {
    log.info(`workflow ${version.workflowId} v${version.version}${created ? " (new)" : ""}`, {
      workflowId: version.workflowId,
      version: version.version,
      created,
    });
  }
  const admin = await bootstrapAdmin(base, config.bootstrapAdmin.token, config.bootstrapAdmin.email);
  if (admin) log.info("created the bootstrap admin with the BOOTSTRAP_ADMIN_TOKEN", { userId: admin });
  const onWake = (wake: () => void) => {
    wakeHook.wake = wake;
  };
  return {
    repo,
    storage: config.storage,
    log,
    mailer,
    webhookSecrets: config.webhookSecrets,
    sessionHours: config.sessionHours,
    onWake,
    makeCtx: () => ({ ...base }),
  };
}

/** S3 when a bucket is configured; else local disk where that is allowed; else none (uploads are refused). */
function fileStorageFor(config: Config): FileStorage | undefined {
  if (config.files.bucket) {
    return s3Storage({
      bucket: config.files.bucket,
      region: config.dynamodb.region,
      endpoint: config.files.s3Endpoint,
    });
  }
  return config.files.localStorageAllowed ? localDevStorage(config.files.localDir) : undefined;
}
