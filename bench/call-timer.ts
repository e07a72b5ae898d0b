import type { Repository } from "../src/repositories/repository.js";
import { ms, printTable } from "./stats.js";

/** Calls and total milliseconds per repository method (`tasks.listForDate`, ...). */
export type CallTimes = Map<string, { calls: number; total: number }>;

/** The repository with every store method's calls counted and timed into `times`. */
export function timedRepository(repo: Repository, times: CallTimes): Repository {
  const record = (name: string, elapsed: number) => {
    const entry = times.get(name) ?? { calls: 0, total: 0 };
    entry.calls++;
    entry.total += elapsed;
    times.set(name, entry);
  };
  return new Proxy(repo, {
    get(target, store, receiver) {
      const value = Reflect.get(target, store, receiver);
      if (typeof value !== "object" || value === null) return value;
      return new Proxy(value, {
        get(methods, method) {
          const fn = Reflect.get(methods, method);
          if (typeof fn !== "function") return fn;
          return async (...args: unknown[]) => {
            const start = performance.now();
            try {
              return await fn.apply(methods, args);
            } finally {
              record(`${String(store)}.${String(method)}`, performance.now() - start);
            }
          };
        },
      });
    },
  });
}

/** Per tick (or other `unit`): each method's calls and milliseconds, slowest first, and what the rest took. */
export function printCallTimes(title: string, times: CallTimes, ticks: number, tickTotal: number, unit = "tick"): void {
  const rows = [...times].sort((a, b) => b[1].total - a[1].total);
  const inStore = rows.reduce((sum, [, t]) => sum + t.total, 0);
  printTable(
    title,
    ["repository call", `calls per ${unit}`, `ms per ${unit}`],
    [
      ...rows.map(([name, t]) => [name, (t.calls / ticks).toFixed(1), ms(t.total / ticks)]),
      ["(outside the repository)", "", ms((tickTotal - inStore) / ticks)],
      [`(whole ${unit})`, "", ms(tickTotal / ticks)],
    ],
  );
}
