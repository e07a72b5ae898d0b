import { addDays } from "../src/domain/dates.js";
import { DEFAULT_STAGES } from "../src/domain/workflow-definition.js";
import type { Repository } from "../src/repositories/repository.js";
import { instantiateBundle } from "../src/services/instantiate-bundle.js";
import { registerWorkflowVersions } from "../src/services/register-workflow-versions.js";
import type { BenchBackend } from "./backends.js";
import { benchCtx } from "./bench-ctx.js";
import { addTasks, createAssignees, type DatasetShape, datasetShape, FIRST_DAY, seeded } from "./repo-dataset.js";
import { ms, percentile, printTable, timeEach } from "./stats.js";

const SIZES = [1_000, 10_000, 100_000];
const QUERIES = 300;
const PAGE = 20;

async function instantiationsPerSecond(repo: Repository, shape: DatasetShape): Promise<number> {
  const tasks = Array.from({ length: 20 }, (_, i) => ({
    refId: `t${i}`,
    description: `Task ${i}`,
    offsetDays: i - 10,
    isMilestone: false,
    tags: [],
    sourceDocIds: [],
    requiresFile: false,
  }));
  const definition = {
    workflowId: "bench-twenty",
    name: "Bench",
    description: "",
    type: "bench",
    stages: [...DEFAULT_STAGES],
    phases: [],
    tags: [],
    sourceDocIds: [],
    references: [],
    requiredLinks: [],
    trigger: { type: "manual" as const },
    defaultAssigneeId: shape.assignees[0],
    tasks,
  };
  const ctx = benchCtx(repo, {
    workflows: new Map([
      ["bench-twenty", { definition, sourcePath: "bench", contentHash: `sha256:${"e".repeat(64)}` }],
    ]),
    docs: new Map(),
  });
  await registerWorkflowVersions(ctx);
  const count = 200;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await instantiateBundle(ctx, {
      workflowId: "bench-twenty",
      title: `Bundle ${i}`,
      anchorDate: addDays(FIRST_DAY, i % shape.days),
    });
  }
  return count / ((performance.now() - start) / 1000);
}

type Row = (string | number)[];

async function queryLatencies(
  repo: Repository,
  size: number,
  shape: DatasetShape,
  random: () => number,
): Promise<Row[]> {
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)] as T;
  const dates = Array.from({ length: shape.days }, (_, i) => addDays(FIRST_DAY, i));
  const cases: [string, () => Promise<{ items: unknown[] }>][] = [
    ["tasks for a date", () => repo.tasks.listForDate(pick(dates), { limit: PAGE })],
    ["overdue tasks", () => repo.tasks.listOverdue(shape.today, { limit: PAGE })],
    ["tasks by assignee (todo)", () => repo.tasks.listByAssignee(pick(shape.assignees), "todo", { limit: PAGE })],
  ];
  const rows: Row[] = [];
  for (const [name, query] of cases) {
    const warm = await query();
    if (warm.items.length < PAGE)
      throw new Error(`${name} at ${size} returned a partial page; the comparison would be unfair`);
    await timeEach(20, query);
    const samples = await timeEach(QUERIES, query);
    rows.push([name, size, ms(percentile(samples, 50)), ms(percentile(samples, 95))]);
  }
  return rows;
}

/** `npm run bench -- repo`: instantiation throughput and list latency at 1k, 10k, 100k tasks. */
export async function benchRepo(backends: BenchBackend[]): Promise<void> {
  const throughput: Row[] = [];
  const latency: Row[] = [];
  for (const backend of backends) {
    for (const size of SIZES) {
      let repo = await backend.open();
      try {
        const shape = datasetShape(size);
        const random = seeded(size);
        await createAssignees(repo, shape.assignees);
        const start = performance.now();
        await addTasks(repo, size, shape, random);
        console.error(`${backend.name}: loaded ${size} tasks in ${((performance.now() - start) / 1000).toFixed(1)} s`);
        repo = (await backend.settle?.(repo)) ?? repo;
        latency.push(...(await queryLatencies(repo, size, shape, random)).map((row) => [backend.name, ...row]));
        if (size === SIZES.at(-1))
          throughput.push([backend.name, (await instantiationsPerSecond(repo, shape)).toFixed(1)]);
      } finally {
        await repo.close();
        await backend.cleanup?.();
      }
    }
  }
  printTable(
    "20-task bundle instantiations (through the service, sequential, into the 100k-task store)",
    ["backend", "bundles/s"],
    throughput,
  );
  const withRatio = latency.map((row) => {
    const base = latency.find((r) => r[0] === row[0] && r[1] === row[1] && r[2] === 1_000);
    return [...row, (Number(row[3]) / Number(base?.[3] ?? row[3])).toFixed(2)];
  });
  printTable(
    `List latency in ms (page of ${PAGE}; every size returns a full page)`,
    ["backend", "query", "tasks", "p50", "p95", "p50 / p50 at 1k"],
    withRatio,
  );
}
