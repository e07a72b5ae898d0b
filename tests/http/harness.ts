import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import { hashToken, newTokenSecret } from "../../src/domain/api-token-secret.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Ctx } from "../../src/domain/ctx.js";
import { createIdGenerator } from "../../src/domain/ids.js";
import type { User, UserRole } from "../../src/domain/user.js";
import { DEFAULT_ENGINE_SETTINGS } from "../../src/engine/engine-settings.js";
import { createLogger } from "../../src/log/logger.js";
import { withCheckedWrites } from "../../src/repositories/checked-writes.js";
import type { Repository } from "../../src/repositories/repository.js";
import { DEFAULT_SCHEDULER_SETTINGS, type SchedulerSettings } from "../../src/scheduler/settings.js";
import { registerWorkflowVersions } from "../../src/services/register-workflow-versions.js";
import type { FileStorage } from "../../src/storage/file-storage.js";
import { localDevStorage } from "../../src/storage/local-dev-storage.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";

export type Caller = "admin" | "operator" | "viewer" | "disabled";
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in the tests
export type Call = { status: number; body: any };

type CallOptions = { as?: Caller | null; body?: unknown; raw?: string; headers?: Record<string, string> };

/** The app over a fresh store, with one user (and real token) per role, and a clock tests can move. */
export type HarnessOptions = {
  localStorageAllowed?: boolean;
  maxFileBytes?: number;
  storage?: FileStorage | null;
  scheduler?: Partial<SchedulerSettings>;
  webhookSecrets?: ReadonlyMap<string, string>;
};

export async function startHarness(backend: Backend, options: HarnessOptions = {}) {
  // As openRepository gives the app: every write checked against the domain.
  const repo: Repository = withCheckedWrites(await backend.open());
  let now = "2026-03-02T09:00:00.000Z";
  const clock: Clock = { now: () => now, today: () => now.slice(0, 10) };
  const catalog = await loadCatalog();
  const ids = createIdGenerator();
  const filesDir = mkdtempSync(join(tmpdir(), "work-engine-files-"));
  const exportsDir = mkdtempSync(join(tmpdir(), "work-engine-exports-"));
  const base: Ctx = {
    repo,
    clock,
    ids,
    catalog,
    policy: {
      localStorageAllowed: options.localStorageAllowed ?? true,
      maxFileBytes: options.maxFileBytes ?? 1024 * 1024,
    },
    storage: options.storage === null ? undefined : (options.storage ?? localDevStorage(filesDir)),
    exports: { dir: exportsDir, source: { backend: backend.name, environment: "test", gitSha: "test" } },
    scheduler: { ...DEFAULT_SCHEDULER_SETTINGS, ...options.scheduler },
    engine: DEFAULT_ENGINE_SETTINGS,
  };
  await registerWorkflowVersions(base);
  const users = {} as Record<Caller, User>;
  const tokens = {} as Record<Caller, string>;
  for (const [caller, role] of [
    ["admin", "admin"],
    ["operator", "operator"],
    ["viewer", "viewer"],
    ["disabled", "operator"],
  ] as [Caller, UserRole][]) {
    const user = f.user({ role, disabled: caller === "disabled", name: caller });
    await repo.users.create(user, f.audit("user", user.userId));
    const secret = newTokenSecret();
    await repo.apiTokens.create(
      f.apiToken(user.userId, { tokenHash: hashToken(secret), expiresAt: undefined, revokedAt: undefined }),
      f.audit("apiToken", "tok_x"),
    );
    users[caller] = user;
    tokens[caller] = secret;
  }
  for (const userId of ["usr_host", "usr_editor", "usr_accountant"]) {
    if (!(await repo.users.get(userId))) await repo.users.create(f.user({ userId }), f.audit("user", userId));
  }
  const logLines: string[] = [];
  const log = createLogger("debug", (line) => logLines.push(line));
  const app = createApp({
    makeCtx: () => ({ ...base }),
    storage: backend.name,
    log,
    webhookSecrets: options.webhookSecrets,
  });

  /** The raw answer, headers and all; `call` is the same request with the JSON body parsed. */
  function request(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const as = options.as === undefined ? "admin" : options.as;
    if (as) headers.authorization = `Bearer ${tokens[as]}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(options.body);
    }
    return Promise.resolve(app.request(path, { method, headers, body: payload }));
  }

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Call> {
    const res = await request(method, path, options);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  return {
    repo,
    app,
    users,
    tokens,
    request,
    call,
    setNow: (at: string) => {
      now = at;
    },
    filesDir,
    exportsDir,
    /** Every line the app logged, oldest first. */
    logLines,
    close: async () => {
      rmSync(filesDir, { recursive: true, force: true });
      rmSync(exportsDir, { recursive: true, force: true });
      await repo.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
