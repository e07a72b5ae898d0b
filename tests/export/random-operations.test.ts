import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "../../src/app.js";
import { buildDeps } from "../../src/build-deps.js";
import { DEFAULT_ADMIN_EMAIL, loadConfig } from "../../src/config.js";
import type { AssistantJob } from "../../src/domain/assistant-job.js";
import type { Task } from "../../src/domain/task.js";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { exportStore } from "../../src/services/export-store.js";
import { validateExport } from "../../src/services/export-validation/validate-export.js";
import { drawnMetadata, EDGE, errorText, nestedMetadata, type Rnd, seeded } from "./random-inputs.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
type Res = { status: number; body: any };
const TOKEN = `bootstrap-${randomBytes(16).toString("hex")}`;

/** Start-up exactly as `npm start` does it, from the default configuration plus the backend's own settings. */
const BACKENDS: { name: string; seed: number; env: (scratch: string) => Record<string, string> }[] = [
  { name: "pglite", seed: 7, env: (scratch) => ({ DATA_DIR: join(scratch, "data") }) },
  {
    name: "dynamodb",
    seed: 11,
    env: () => ({
      STORAGE: "dynamodb",
      DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
      DATAOPS_TABLE_PREFIX: `${inject("runPrefix")}-${randomBytes(4).toString("hex")}-`,
    }),
  },
];

for (const backend of BACKENDS) {
  describe(`random operations after a default start-up on ${backend.name}`, () => {
    let scratch: string;
    let repo: Repository;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      scratch = mkdtempSync(join(tmpdir(), "random-ops-"));
      const config = loadConfig({
        ...backend.env(scratch),
        BOOTSTRAP_ADMIN_TOKEN: TOKEN,
        LOCAL_STORAGE_DIR: join(scratch, "files"),
      });
      const deps = await buildDeps(config, silentLogger);
      repo = deps.repo;
      app = createApp(deps);
    });
    afterAll(async () => {
      await repo.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    const call = async (method: string, path: string, body?: unknown): Promise<Res> => {
      const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await app.request(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const exportedFindings = async (name: string) => {
      const out = join(scratch, name);
      await exportStore(
        repo,
        out,
        { backend: backend.name, environment: "test", gitSha: "x" },
        new Date().toISOString(),
      );
      return validateExport(out);
    };

    it("exports the bootstrap admin of a default configuration without a finding", async () => {
      const me = await call("GET", "/api/me");
      expect([me.status, me.body.email, me.body.role]).toEqual([200, DEFAULT_ADMIN_EMAIL, "admin"]);
      expect(await exportedFindings("start-up")).toEqual([]);
    });

    it("never writes anything its own export validator rejects, whatever valid or edge input it is sent", async () => {
      const rnd = seeded(backend.seed);
      // The workflows' default assignees, as the operator of a fresh install would add them.
      for (const who of ["host", "editor", "accountant"]) {
        const user = { userId: `usr_${who}`, name: who, email: `${who}@example.com`, role: "operator" };
        expect((await call("POST", "/api/users", user)).status).toBe(201);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 300; i++) {
        const res = await randomOperation(rnd, i, call, app);
        if (res) statuses.push(res.status);
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s < 300).length).toBeGreaterThan(60);
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(10);
      expect(await exportedFindings("after-operations")).toEqual([]);
    });
  });
}

type CallFn = (method: string, path: string, body?: unknown) => Promise<Res>;

/** One operation a client might send, chosen by `rnd`; undefined when there was nothing to act on. */
async function randomOperation(rnd: Rnd, i: number, call: CallFn, app: ReturnType<typeof createApp>) {
  const roll = rnd.next();
  const task = async () => {
    const items = ((await call("GET", `/api/tasks?date=${rnd.pick(EDGE.dates.slice(0, 4))}`)).body?.items ??
      []) as Task[];
    return items.length > 0 ? rnd.pick(items) : undefined;
  };
  if (roll < 0.08)
    return call("POST", "/api/bundles", {
      workflowId: rnd.pick(["podcast-episode", "newsletter-issue", "tax-report"]),
      title: `Run ${i}`,
      anchorDate: rnd.edge(EDGE.dates),
      ...(rnd.next() < 0.3 ? { links: [{ name: "Site", url: rnd.edge(EDGE.links) || "https://example.com/s" }] } : {}),
    });
  if (roll < 0.16)
    return call("POST", "/api/tasks", {
      description: `Task ${i}`,
      date: rnd.edge(EDGE.dates),
      comment: rnd.edge(EDGE.texts),
      link: rnd.edge(EDGE.links),
      proofRequirement: rnd.next() < 0.5 ? { type: "comment", label: "Note", required: true } : undefined,
    });
  if (roll < 0.24) {
    const t = await task();
    const storageUri = rnd.edge(EDGE.storageUris);
    return call("POST", "/api/artifacts", {
      type: "report",
      title: `Proof ${i}`,
      storageUri,
      taskId: t?.taskId,
      metadata: rnd.next() < 0.5 ? nestedMetadata(rnd) : drawnMetadata(rnd),
      sizeBytes: rnd.next() < 0.3 ? rnd.pick(EDGE.numbers) : undefined,
      ...(storageUri.startsWith("s3:") ? { checksum: `sha256:${"a".repeat(64)}`, sizeBytes: 12 } : {}),
    });
  }
  if (roll < 0.3) return assistantJobRun(rnd, i, call, await task());
  const t = await task();
  if (!t) return undefined;
  const act = (action: string, extra: object = {}) =>
    call("POST", `/api/tasks/${t.taskId}/${action}`, { expectedVersion: t.version, ...extra });
  const r = rnd.next();
  if (r < 0.15) return act("mark-waiting", { waitingFor: "Someone", followUpAt: rnd.edge(EDGE.timestamps) });
  if (r < 0.25) return act("follow-up-sent", { note: "pinged", nextFollowUpAt: rnd.edge(EDGE.timestamps) });
  if (r < 0.32) return act("response-received");
  if (r < 0.5)
    return act(
      "complete",
      rnd.next() < 0.6 ? { link: rnd.edge(EDGE.links), comment: "done", externalStatus: "live" } : {},
    );
  if (r < 0.56)
    return act("resolve-done", { link: "https://example.com/proof", comment: "done", externalStatus: "live" });
  if (r < 0.64) return act("reopen");
  if (r < 0.74) {
    const form = new FormData();
    form.set("taskId", t.taskId);
    form.set("file", new File([new Uint8Array([i % 256])], `f${i}.bin`));
    return app.request("/api/files", { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
  }
  if (r < 0.8) return call("DELETE", `/api/tasks/${t.taskId}?expectedVersion=${t.version}`);
  return call("PATCH", `/api/tasks/${t.taskId}`, {
    expectedVersion: t.version,
    comment: rnd.edge(EDGE.texts),
    link: rnd.edge(EDGE.links),
  });
}

/** A job with random input references, run until it fails (with secrets in its error) or gets an output. */
async function assistantJobRun(rnd: Rnd, i: number, call: CallFn, task: Task | undefined): Promise<Res | undefined> {
  if (!task) return undefined;
  const created = await call("POST", "/api/assistant-jobs", {
    assistantType: "summarizer",
    title: `Job ${i}`,
    taskId: task.taskId,
    inputRefs: [rnd.edge(EDGE.inputRefs), rnd.edge(EDGE.inputRefs)],
  });
  if (created.status !== 201) return created;
  let job = created.body as AssistantJob;
  for (const action of ["queue", "start"]) {
    const moved = await call("POST", `/api/assistant-jobs/${job.assistantJobId}/${action}`, {
      expectedVersion: job.version,
    });
    if (moved.status !== 200) return moved;
    job = moved.body;
  }
  if (rnd.next() < 0.5)
    return call("POST", `/api/assistant-jobs/${job.assistantJobId}/fail`, {
      expectedVersion: job.version,
      code: errorText(rnd).slice(0, 80),
      summary: errorText(rnd),
    });
  const storageUri = rnd.edge(EDGE.storageUris);
  return call("POST", `/api/assistant-jobs/${job.assistantJobId}/outputs`, {
    expectedVersion: job.version,
    title: "Output",
    storageUri,
    ...(storageUri.startsWith("s3:") ? { checksum: `sha256:${"b".repeat(64)}`, sizeBytes: 3 } : {}),
  });
}
