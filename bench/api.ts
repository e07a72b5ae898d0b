import { addDays } from "../src/domain/dates.js";
import { createLogger } from "../src/log/logger.js";
import type { Repository } from "../src/repositories/repository.js";
import type { BenchBackend } from "./backends.js";
import { BENCH_TOKEN, createBenchAdmin } from "./bench-admin.js";
import { benchApp } from "./bench-app.js";
import { addBundle, addTasks, createAssignees, datasetShape, FIRST_DAY, seeded } from "./repo-dataset.js";
import { ms, percentile, printTable, timeEach } from "./stats.js";

const SIZES = (process.env.BENCH_API_SIZES ?? "10000,100000").split(",").map(Number);
const SAMPLES = 200;
/** A date before the spread ones: it holds exactly the 270 tasks put on it. */
const BUSY_DATE = addDays(FIRST_DAY, -1);
const BUSY_COUNT = 270;
const BIG_BUNDLE = 2_000;

type App = ReturnType<typeof benchApp>;

/** The store at `size` tasks: the spread dataset plus one busy date and one 2,000-task bundle. */
async function load(repo: Repository, size: number) {
  const shape = datasetShape(size);
  const random = seeded(size);
  await createAssignees(repo, shape.assignees);
  await createBenchAdmin(repo, new Date().toISOString());
  await addTasks(repo, size - BUSY_COUNT - BIG_BUNDLE, shape, random);
  await addBundle(repo, BUSY_COUNT, shape, random, BUSY_DATE);
  const bigBundleId = await addBundle(repo, BIG_BUNDLE, shape, random);
  const some = await repo.tasks.listByBundle(bigBundleId, { limit: 500 });
  return { bigBundleId, taskIds: some.items.map((t) => t.taskId) };
}

/** The body as text: what the handler produced, without the client's cost of parsing it. */
async function getText(app: App, path: string): Promise<string> {
  const response = await app.request(path, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.text();
}

/** Every page of a list, following nextCursor (read off the body's end); `check` parses each page to count it. */
async function allPages(app: App, path: string, check = false): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const body = await getText(app, cursor ? `${path}&cursor=${cursor}` : path);
    if (check) count += (JSON.parse(body) as { items: unknown[] }).items.length;
    cursor = /"nextCursor":"([^"]+)"}$/.exec(body)?.[1];
  } while (cursor);
  return count;
}

/**
 * `npm run bench -- api`: the request path in-process (app.request, no sockets), at 10k and 100k
 * tasks: the token check alone, one task, a busy date's 270 tasks in one page, a 2,000-task bundle.
 */
export async function benchApi(backends: BenchBackend[]): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const backend of backends) {
    for (const size of SIZES) {
      let repo = await backend.open();
      try {
        const start = performance.now();
        const data = await load(repo, size);
        console.error(`${backend.name}: loaded ${size} tasks in ${((performance.now() - start) / 1000).toFixed(1)} s`);
        repo = (await backend.settle?.(repo)) ?? repo;
        // Each request's log line is built as in production; only the write is skipped.
        const app = benchApp(
          repo,
          backend.name,
          createLogger("info", () => undefined),
        );
        const cases: [string, number, (i: number, check?: boolean) => Promise<unknown>][] = [
          ["token check (GET /api/me)", 1, () => getText(app, "/api/me")],
          ["one task", 1, (i) => getText(app, `/api/tasks/${data.taskIds[i % data.taskIds.length]}`)],
          [
            `one date, ${BUSY_COUNT} rows in one page`,
            BUSY_COUNT,
            (_, check) => allPages(app, `/api/tasks?date=${BUSY_DATE}&limit=500`, check),
          ],
          [
            `one bundle, ${BIG_BUNDLE} rows, all pages of 500`,
            BIG_BUNDLE,
            (_, check) => allPages(app, `/api/tasks?bundleId=${data.bigBundleId}&limit=500`, check),
          ],
        ];
        for (const [name, rowsPerCall, call] of cases) {
          const got = await call(0, true);
          if (typeof got === "number" && got !== rowsPerCall) throw new Error(`${name}: read ${got} rows`);
          await timeEach(20, call);
          const samples = await timeEach(SAMPLES, call);
          const p50 = percentile(samples, 50);
          rows.push([
            backend.name,
            name,
            size,
            ms(p50),
            ms(percentile(samples, 99)),
            ((p50 * 1000) / rowsPerCall).toFixed(1),
          ]);
        }
      } finally {
        await repo.close();
        await backend.cleanup?.();
      }
    }
  }
  printTable(
    `The request path in-process (app.request, ${SAMPLES} sequential calls each)`,
    ["backend", "call", "tasks", "p50 ms", "p99 ms", "µs per row at p50"],
    rows,
  );
}
