import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { auditEvents, bundles, notifications, runLogs, stepExecutions, taskEvents, tasks } from "../../db/schema.js";
import type { Bundle } from "../../domain/bundle.js";
import type { StepExecution } from "../../domain/step-execution.js";
import type { RunStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { type InsertGroup, insertAllStatement, ONE_STATEMENT_PARAMS, paramCount } from "./raw-writes.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertRecords, type Tx, updateVersioned } from "./versioned-write.js";

// Written exactly as the partial index's WHERE clause (bundles_run_wake_at_idx), so the planner uses it.
const hasWake = sql`${bundles.runWakeAt} is not null`;

export function runStore(db: Db): RunStore {
  return {
    /**
     * One transaction. Tasks are updated before their bundle, by ID: the order every task write locks
     * them in (unchanged-guard.ts), so a run's transition and a person's task change queue rather than
     * deadlock. New rows go in as one statement (a round trip, not one per table): its foreign keys are
     * checked at its end, so a new step may wait on a task the same statement inserts.
     * A step attempt recorded already fails its primary key (or the attempt's unique index), as does a
     * taken runLogId: a ConflictError.
     */
    apply: (write) =>
      translated(() =>
        db.transaction(async (tx) => {
          const changedTasks = [...write.updateTasks].sort((a, b) => compare(a.next.taskId, b.next.taskId));
          for (const task of changedTasks) await updateVersioned(tx, SPECS.task, task.next, task.expectedVersion);
          await updateVersioned(tx, SPECS.bundle, write.bundle.next, write.bundle.expectedVersion);
          await insertAll(tx, [
            [tasks, write.createTasks],
            [stepExecutions, write.createSteps],
            [taskEvents, write.taskEvents],
            [notifications, write.notifications],
            [auditEvents, write.audit],
            [runLogs, write.logs],
          ]);
          for (const step of write.updateSteps)
            await updateVersioned(tx, SPECS.stepExecution, step.next, step.expectedVersion);
        }),
      ),
    listSteps: (bundleId, page) =>
      keysetPage<StepExecution>(
        db,
        SPECS.stepExecution,
        eq(stepExecutions.bundleId, bundleId),
        ["stepExecutionId"],
        page,
      ),
    listDue: (now, page) =>
      keysetPage<Bundle>(
        db,
        SPECS.bundle,
        and(hasWake, lte(bundles.runWakeAt, new Date(now))),
        ["runWakeAt", "bundleId"],
        page,
      ),
  };
}

/** One statement for the usual transition; a very large one (many tasks at once) table by table, in order. */
async function insertAll(tx: Tx, groups: InsertGroup[]): Promise<void> {
  if (groups.every(([, records]) => records.length === 0)) return;
  if (paramCount(groups) <= ONE_STATEMENT_PARAMS) await tx.execute(insertAllStatement(groups));
  else for (const [table, records] of groups) await insertRecords(tx, table, records);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
