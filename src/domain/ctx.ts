import type { ContentCatalog } from "../content/load-content.js";
import type { EngineSettings } from "../engine/engine-settings.js";
import type { Logger } from "../log/logger.js";
import type { Repository } from "../repositories/repository.js";
import type { Mailer } from "../scheduler/digest.js";
import type { SchedulerSettings } from "../scheduler/settings.js";
import type { FileStorage } from "../storage/file-storage.js";
import type { Clock } from "./clock.js";
import type { IdGenerator } from "./ids.js";
import type { User } from "./user.js";

/** Everything a service needs, passed explicitly: no singletons, no ambient state. */
export type Ctx = {
  repo: Repository;
  clock: Clock;
  ids: IdGenerator;
  catalog: ContentCatalog;
  /** Where files may go: local disk only in development and test, or when explicitly allowed. */
  policy: { localStorageAllowed: boolean; maxFileBytes: number };
  /** Where uploads go; absent when neither a bucket nor local disk may be used. */
  storage?: FileStorage;
  /**
   * Where POST /api/exports writes and what its manifests say of their source (the shape of
   * ExportSource); absent where no export directory is configured.
   */
  exports?: { dir: string; source: { backend: string; environment: string; gitSha: string } };
  /** The team's time zone and reminder rules: what "today" and "overdue" mean. */
  scheduler: SchedulerSettings;
  /**
   * How runs are claimed, how to wake a worker when a write makes a step runnable, and what actions
   * that reach outside use: the process's one mail transport (none without SMTP_URL) and its logger.
   */
  engine: EngineSettings & { wake?: () => void; mailer?: Mailer; log?: Logger };
  /** The authenticated user, or undefined for the system (start-up, scheduler). */
  actor?: User;
};
