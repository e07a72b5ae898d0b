import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { createApp } from "../src/app.js";
import { systemClock } from "../src/domain/clock.js";
import { createIdGenerator } from "../src/domain/ids.js";
import type { Task } from "../src/domain/task.js";
import type { Repository } from "../src/repositories/repository.js";
import type { BenchBackend } from "./backends.js";
import { BENCH_TOKEN, createBenchAdmin } from "./bench-admin.js";
import { printTable } from "./stats.js";

const DURATION_S = 8;
const CONNECTIONS = 10;
const NOW = new Date().toISOString();
const ids = createIdGenerator();

/** An admin with a known token, 2,000 tasks in bundles (100 on the listed date) and 6,000 standalone todo tasks to complete. */
async function seed(repo: Repository): Promise<{ date: string; readIds: string[]; completable: string[] }> {
  const admin = await createBenchAdmin(repo, NOW);
  const task = (date: string): Task => ({
    taskId: ids.next("task"),
    taskOrder: 0,
    description: "bench",
    date,
    status: "todo",
    isMilestone: false,
    requiresFile: false,
    systems: [],
    sourceDocIds: [],
    tags: [],
    source: "manual",
    createdBy: admin.userId,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const read = Array.from({ length: 2_000 }, (_, i) =>
    task(i % 20 === 0 ? "2026-06-15" : `2026-06-${String(1 + (i % 28)).padStart(2, "0")}`),
  );
  const completable = Array.from({ length: 6_000 }, () => task("2026-07-01"));
  for (let start = 0; start < read.length; start += 500) {
    const slice = read.slice(start, start + 500);
    const bundle = {
      bundleId: ids.next("bundle"),
      title: "holder",
      anchorDate: "2026-06-01",
      stages: ["preparation", "done"],
      stage: "preparation",
      status: "active" as const,
      references: [],
      links: [],
      tags: [],
      taskCount: slice.length,
      openTaskCount: slice.length,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    };
    await repo.bundles.createWithTasks({
      bundle,
      tasks: slice.map((t) => ({ ...t, bundleId: bundle.bundleId })),
      taskEvents: [],
      audit: [],
    });
  }
  // Standalone tasks: each completion is a task write, history event and audit event, with no bundle to contend on.
  for (const t of completable) {
    await repo.tasks.create({
      task: t,
      audit: {
        auditEventId: ids.next("auditEvent"),
        entityType: "task",
        entityId: t.taskId,
        action: "task.created",
        createdAt: NOW,
      },
    });
  }
  return { date: "2026-06-15", readIds: read.map((t) => t.taskId), completable: completable.map((t) => t.taskId) };
}

async function run(url: string, requests: autocannon.Request[]): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, "content-type": "application/json" },
    requests,
  });
}

/** `npm run bench -- http`: requests/s and latency of three hot routes on each backend, over loopback. */
export async function benchHttp(backends: BenchBackend[]): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const backend of backends) {
    const repo = await backend.open();
    const data = await seed(repo);
    const app = createApp({
      makeCtx: () => ({
        repo,
        clock: systemClock,
        ids,
        catalog: { workflows: new Map(), docs: new Map() },
        policy: { localStorageAllowed: true, maxFileBytes: 1024 },
      }),
      storage: backend.name,
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      let next = 0;
      const cases: [string, autocannon.Request[]][] = [
        [`GET /api/tasks?date= (page of 50)`, [{ method: "GET", path: `/api/tasks?date=${data.date}` }]],
        [
          "GET /api/tasks/:id",
          [
            {
              method: "GET",
              setupRequest: (req) => ({ ...req, path: `/api/tasks/${data.readIds[next++ % data.readIds.length]}` }),
            },
          ],
        ],
        [
          "POST /api/tasks/:id/complete",
          [
            {
              method: "POST",
              setupRequest: (req) => ({
                ...req,
                path: `/api/tasks/${data.completable[next++ % data.completable.length]}/complete`,
                body: JSON.stringify({ expectedVersion: 1 }),
              }),
            },
          ],
        ],
      ];
      for (const [name, requests] of cases) {
        next = 0;
        const result = await run(url, requests);
        const ok = result["2xx"];
        rows.push([
          backend.name,
          name,
          Math.round(result.requests.average),
          result.latency.p50,
          result.latency.p99,
          `${ok}/${result.requests.total}`,
        ]);
        console.error(`${backend.name}: ${name} done`);
      }
    } finally {
      // autocannon stops at its deadline with requests in flight: let them finish before the store closes.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await new Promise((resolve) => server.close(resolve));
      await repo.close();
      await backend.cleanup?.();
    }
  }
  printTable(
    `HTTP on loopback (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each)`,
    ["backend", "route", "req/s", "p50 ms", "p99 ms", "2xx/total"],
    rows,
  );
}
