import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/domain/bundle.js";
import { ConflictError } from "../../src/domain/errors.js";
import { atLeast, RUN_LOG_LEVELS, type RunLogEntry, type RunLogLevel } from "../../src/domain/run-log.js";
import type { Repository, RunLogFilter, RunWrite } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

const byId = (a: RunLogEntry, b: RunLogEntry) => (a.runLogId < b.runLogId ? -1 : 1);
const logIds = (entries: RunLogEntry[]) => entries.map((e) => e.runLogId);

/** A transition of `bundle` (as read) that writes `logs`, and whatever else is given. */
function transition(bundle: Bundle, logs: RunLogEntry[], parts: Partial<Omit<RunWrite, "bundle">> = {}): RunWrite {
  return f.runWrite(bundle, { ...bundle, version: bundle.version + 1, updatedAt: f.T1 }, { logs, ...parts });
}

/** A run's log: written with its transitions, read oldest first and filtered, purged past its expiry. */
export function runLogStoreContract(backend: Backend) {
  describe(`${backend.name}: run log store`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    async function storedRun() {
      const b = f.runBundle();
      await repo.bundles.createWithTasks({ bundle: b, tasks: [], taskEvents: [], audit: [] });
      return b;
    }

    /** Writes `entries` to `b`'s log, one transition per `perWrite`; returns the bundle as stored. */
    async function logged(b: Bundle, entries: RunLogEntry[], perWrite = 10): Promise<Bundle> {
      let current = b;
      for (let at = 0; at < entries.length; at += perWrite) {
        const write = transition(current, entries.slice(at, at + perWrite));
        await repo.runs.apply(write);
        current = write.bundle.next;
      }
      return current;
    }

    const listed = async (bundleId: string, filter: RunLogFilter, limit: number) => {
      const pages: RunLogEntry[][] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.runLogs.listByBundle(bundleId, filter, { limit, cursor });
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 100);
      return pages;
    };

    it("writes entries with their transition, every field as written, apart from the run's steps", async () => {
      const b = await storedRun();
      const step = f.stepExecution(b.bundleId, { stepId: "charge_card" });
      const full = f.runLogEntry(b.bundleId, {
        at: "2026-03-02T09:00:00.500Z",
        level: "warn",
        stepId: "charge_card",
        stepExecutionId: step.stepExecutionId,
        message: 'declined, (twice) \\ "quoted" ünïcödé\nsecond line',
        metadata: { amount: 1200, customer: { name: "Ada", tags: ["a", "b"] }, none: null },
        expiresAt: "2026-09-01T12:00:00.000Z",
      });
      const bare = f.runLogEntry(b.bundleId);
      const write = transition(b, [full, bare], { createSteps: [step] });
      await repo.runs.apply(write);
      expect((await repo.runLogs.listByBundle(b.bundleId, {}, {})).items).toStrictEqual([full, bare].sort(byId));
      expect((await repo.runs.listSteps(b.bundleId, {})).items).toStrictEqual([step]);
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(write.bundle.next);
      expect((await repo.runLogs.listByBundle(f.bundle().bundleId, {}, {})).items).toEqual([]);
    });

    it("writes nothing at all when one entry's runLogId is taken", async () => {
      const b = await storedRun();
      const first = f.runLogEntry(b.bundleId);
      const current = await logged(b, [first]);
      const step = f.stepExecution(current.bundleId);
      const task = f.task({ bundleId: current.bundleId, source: "workflow" });
      const fresh = f.runLogEntry(current.bundleId, { message: "never written" });
      const taken = { ...f.runLogEntry(current.bundleId), runLogId: first.runLogId, message: "a second writer" };
      const write = transition(current, [fresh, taken], { createSteps: [step], createTasks: [task] });
      await expect(repo.runs.apply(write)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.bundles.get(b.bundleId)).toStrictEqual(current);
      expect((await repo.runLogs.listByBundle(b.bundleId, {}, {})).items).toStrictEqual([first]);
      expect((await repo.runs.listSteps(b.bundleId, {})).items).toEqual([]);
      expect(await repo.tasks.get(task.taskId)).toBeUndefined();
      expect((await repo.auditEvents.listByEntity("bundle", b.bundleId, {})).items).toHaveLength(1);
    });

    it("lists a run's log oldest first across pages, filtered by level (at or above) and step", async () => {
      const b = await storedRun();
      const other = await storedRun();
      // Errors and the `pay` step are rare, so most pages of a filtered list lie between matches.
      const entries = Array.from({ length: 40 }, (_, i) =>
        f.runLogEntry(b.bundleId, {
          level: i % 13 === 5 ? "error" : i % 7 === 3 ? "warn" : i % 2 ? "debug" : "info",
          stepId: i % 11 === 4 ? "pay" : `s${i % 3}`,
        }),
      );
      await logged(b, entries, 7);
      await logged(other, [f.runLogEntry(other.bundleId, { level: "error", stepId: "pay" })]);
      const filters: RunLogFilter[] = [
        {},
        ...RUN_LOG_LEVELS.map((level: RunLogLevel) => ({ level })),
        { stepId: "pay" },
        { stepId: "s1", level: "info" },
        { stepId: "pay", level: "error" },
        { stepId: "missing" },
      ];
      for (const filter of filters) {
        const expected = entries.filter(
          (e) =>
            (filter.level === undefined || atLeast(e.level, filter.level)) &&
            (filter.stepId === undefined || e.stepId === filter.stepId),
        );
        for (const limit of [1, 2, 5]) {
          const pages = await listed(b.bundleId, filter, limit);
          expect([filter, limit, logIds(pages.flat())]).toEqual([filter, limit, logIds(expected)]);
          // Every page is full but the last, and only an empty list has an empty page.
          const count = Math.max(1, Math.ceil(expected.length / limit));
          const sizes = Array.from({ length: count }, (_, i) => Math.min(limit, expected.length - i * limit));
          expect([filter, limit, pages.map((page) => page.length)]).toEqual([filter, limit, sizes]);
        }
      }
      expect(logIds(entries)).toEqual(logIds([...entries].sort(byId)));
    });

    // Expiry times in 2001, which no other test here uses: the collector is global.
    it("purges expired entries, oldest expiry first, at most `limit` a call, across runs and days", async () => {
      const [one, two] = [await storedRun(), await storedRun()];
      const now = "2001-03-10T12:00:00.000Z";
      const at = (run: Bundle, expiresAt: string) => f.runLogEntry(run.bundleId, { expiresAt });
      const expired = [
        at(two, "2001-01-05T08:00:00.000Z"),
        at(one, "2001-01-05T08:00:00.000Z"),
        at(one, "2001-02-01T00:00:00Z"),
        at(two, "2001-03-10T00:00:00.000Z"),
        at(one, "2001-03-10T11:59:59.999Z"),
        at(two, now),
      ];
      const kept = [
        at(one, "2001-03-10T12:00:00.001Z"),
        at(two, "2001-03-11T00:00:00.000Z"),
        f.runLogEntry(one.bundleId),
      ];
      await logged(
        one,
        [...expired, ...kept].filter((e) => e.bundleId === one.bundleId),
      );
      await logged(
        two,
        [...expired, ...kept].filter((e) => e.bundleId === two.bundleId),
      );
      // Oldest expiry first; the same expiry by ID.
      const order = [...expired].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || byId(a, b));
      const remaining = async () => [
        ...(await allPages((p) => repo.runLogs.listByBundle(one.bundleId, {}, p), 50)).items,
        ...(await allPages((p) => repo.runLogs.listByBundle(two.bundleId, {}, p), 50)).items,
      ];

      let purged = 0;
      for (const [limit, count] of [
        [1, 1],
        [2, 2],
        [1, 1],
        [100, 2],
        [100, 0],
      ] as const) {
        expect([limit, await repo.runLogs.purgeExpired(now, limit)]).toEqual([limit, count]);
        purged += count;
        expect([limit, logIds(await remaining()).sort()]).toEqual([
          limit,
          logIds([...order.slice(purged), ...kept]).sort(),
        ]);
      }

      // A day emptied before still takes new entries, and the next collection finds them.
      const late = at(one, "2001-01-05T09:00:00.000Z");
      await logged((await repo.bundles.get(one.bundleId)) as Bundle, [late]);
      expect(await repo.runLogs.purgeExpired(now, 100)).toBe(1);
      expect(await repo.runLogs.purgeExpired("2001-03-11T00:00:00.000Z", 100)).toBe(2);
      expect(logIds(await remaining())).toEqual(logIds(kept.slice(2)));
    });
  });
}
