import { hashToken } from "../src/domain/api-token-secret.js";
import type { Artifact } from "../src/domain/artifact.js";
import type { Bundle } from "../src/domain/bundle.js";
import { createIdGenerator } from "../src/domain/ids.js";
import type { Task, TaskEvent } from "../src/domain/task.js";
import type { User } from "../src/domain/user.js";
import { advanceRun } from "../src/engine/advance-run.js";
import type { Repository } from "../src/repositories/repository.js";
import { benchCtx } from "./bench-ctx.js";
import { createPendingRun, linearDefinition, publishDefinition } from "./engine-workload.js";

/** The portal session cookie the page bench sends (its hash is what is stored). */
export const BENCH_SESSION = "we_bench-portal-session-0123456789abcdefghijklmnopqrstuv";
export const BENCH_BUNDLE_TASKS = 200;
const ids = createIdGenerator();
const PHASES = ["outreach", "preparation", "recording", "editing", "release"];

export type PortalBenchData = { bundleId: string; taskId: string; runBundleId: string };

const audit = (entityType: "artifact" | "session", entityId: string, now: string) => ({
  auditEventId: ids.next("auditEvent"),
  entityType,
  entityId,
  action: `${entityType}.created`,
  createdAt: now,
});

/**
 * A 200-task bundle as the portal shows it: five phases, half the tasks done, gates on one in seven
 * (links, approved artifacts, a bundle link), 40 artifacts, one task with 30 history events, today's
 * open tasks assigned to the bench admin, and a live portal session for that admin.
 */
export async function seedPortalBench(repo: Repository, admin: User, now: string): Promise<PortalBenchData> {
  const today = now.slice(0, 10);
  const bundle: Bundle = {
    bundleId: ids.next("bundle"),
    title: "Episode 200",
    anchorDate: today,
    stages: ["preparation", "announced", "done"],
    stage: "preparation",
    status: "active",
    references: [],
    links: [
      { name: "Episode page", url: "", required: true },
      { name: "Episode doc", url: "https://docs.example.com/ep200", required: true },
    ],
    tags: [],
    taskCount: BENCH_BUNDLE_TASKS,
    openTaskCount: BENCH_BUNDLE_TASKS / 2,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const tasks = Array.from(
    { length: BENCH_BUNDLE_TASKS },
    (_, i): Task => ({
      taskId: ids.next("task"),
      bundleId: bundle.bundleId,
      taskOrder: i,
      description: `Bench task ${i + 1} of the episode`,
      date: today,
      assigneeId: admin.userId,
      status: i % 2 === 0 ? "done" : "todo",
      isMilestone: false,
      phase: PHASES[i % PHASES.length],
      requiresFile: false,
      ...(i % 7 === 1 ? { requiredLinkName: "Draft" } : {}),
      ...(i % 10 === 3 ? { proofRequirement: { type: "artifact" as const, label: "Recording", required: true } } : {}),
      ...(i % 20 === 5 ? { validation: { requiredBundleLinks: ["Episode page"] } } : {}),
      systems: [],
      sourceDocIds: [],
      tags: [],
      source: "template",
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const [first] = tasks;
  if (!first) throw new Error("the bench bundle has tasks");
  const history = Array.from(
    { length: 30 },
    (_, i): TaskEvent => ({
      taskEventId: ids.next("taskEvent"),
      taskId: first.taskId,
      bundleId: bundle.bundleId,
      kind: i % 2 === 0 ? "completed" : "reopened",
      actorId: admin.userId,
      createdAt: now,
    }),
  );
  await repo.bundles.createWithTasks({ bundle, tasks, taskEvents: history, audit: [] });
  for (const task of tasks.slice(0, 20)) {
    for (const status of ["approved", "needs-review"] as const) {
      const artifact: Artifact = {
        artifactId: ids.next("artifact"),
        type: "external-link",
        title: `Link for ${task.description}`,
        status,
        storageProvider: "external-url",
        storageUri: "https://files.example.com/bench",
        dataClass: "internal",
        taskId: task.taskId,
        sourceType: "manual-link",
        tags: [],
        createdBy: admin.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await repo.artifacts.create(artifact, audit("artifact", artifact.artifactId, now));
    }
  }
  const sessionId = ids.next("session");
  await repo.sessions.create(
    {
      sessionId,
      userId: admin.userId,
      sessionHash: hashToken(BENCH_SESSION),
      expiresAt: new Date(Date.parse(now) + 86_400_000).toISOString(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    audit("session", sessionId, now),
  );
  return { bundleId: bundle.bundleId, taskId: first.taskId, runBundleId: await completedRun(repo) };
}

/** A graph workflow run of 200 automated steps, advanced to completion: 200 attempts and their log. */
async function completedRun(repo: Repository): Promise<string> {
  const ctx = benchCtx(repo, { workflows: new Map(), docs: new Map() });
  const version = await publishDefinition(ctx, linearDefinition(BENCH_BUNDLE_TASKS, "bench-portal-run"));
  const bundleId = await createPendingRun(ctx, version);
  for (let round = 0; round < 50; round++) {
    const { bundle } = await advanceRun(ctx, bundleId, { type: "wake" }, { leaseMs: 60_000, external: true });
    if (bundle?.runStatus === "completed") return bundleId;
  }
  throw new Error(`the bench run ${bundleId} did not complete`);
}
