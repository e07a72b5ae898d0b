import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import type { BenchBackend } from "./backends.js";
import { BENCH_TOKEN } from "./bench-admin.js";
import type { HttpBenchData } from "./http-seed.js";
import { BENCH_BUNDLE_TASKS, BENCH_SESSION } from "./portal-seed.js";
import { percentile, printTable } from "./stats.js";

const DURATION_S = 8;
const CONNECTIONS = 10;

async function run(url: string, requests: autocannon.Request[]): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, "content-type": "application/json" },
    requests,
  });
}

/** The bench server (http-server.ts) in its own process, as production runs it; its log lines are drained. */
async function startBenchServer(name: string): Promise<{ url: string; data: HttpBenchData; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/http-server.ts", name], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    void exited.then(() => reject(new Error(`the ${name} bench server exited before it was ready`)));
  });
  lines.on("line", () => undefined);
  const ready = JSON.parse(first) as { url: string; data: HttpBenchData };
  return {
    ...ready,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const PAGE_SAMPLES = 100;

/**
 * The portal's pages for the 200-task bundle, one request at a time: the app's own time from its
 * `Server-Timing` header (what the 50 ms budget is about) and the time the client waited.
 */
async function portalPages(url: string, data: HttpBenchData, backend: string): Promise<(string | number)[][]> {
  const { bundleId, taskId, runBundleId } = data.portal;
  const pages: [string, string][] = [
    ["Today (/)", "/"],
    ["Bundles", "/bundles"],
    [`Bundle (${BENCH_BUNDLE_TASKS} tasks)`, `/bundles/${bundleId}`],
    ["Artifacts of the bundle", `/bundles/${bundleId}/artifacts`],
    ["Task (30 history events)", `/tasks/${taskId}`],
    [`Run (${BENCH_BUNDLE_TASKS} steps, log page of 100)`, `/bundles/${runBundleId}/run`],
    ["Workflows", "/workflows"],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, path] of pages) {
    const server: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < PAGE_SAMPLES; i++) {
      const start = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie: `we_session=${BENCH_SESSION}` } });
      await res.text();
      client.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      server.push(Number(/app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN));
    }
    rows.push([
      backend,
      name,
      ...[50, 95, 99].map((p) => percentile(server, p).toFixed(1)),
      percentile(client, 50).toFixed(1),
    ]);
  }
  return rows;
}

/** `npm run bench -- http`: requests/s and latency of three hot routes on each backend, over loopback. */
export async function benchHttp(backends: BenchBackend[]): Promise<void> {
  const rows: (string | number)[][] = [];
  const pageRows: (string | number)[][] = [];
  for (const backend of backends) {
    const server = await startBenchServer(backend.name);
    const { url, data } = server;
    try {
      pageRows.push(...(await portalPages(url, data, backend.name)));
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
      // autocannon stops at its deadline with requests in flight: the server lets them finish on SIGTERM.
      await server.stop();
    }
  }
  printTable(
    `HTTP on loopback (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each)`,
    ["backend", "route", "req/s", "p50 ms", "p99 ms", "2xx/total"],
    rows,
  );
  printTable(
    `Portal pages, one request at a time (${PAGE_SAMPLES} each; server ms from Server-Timing; budget 50 ms)`,
    ["backend", "page", "server p50", "server p95", "server p99", "client p50"],
    pageRows,
  );
}
