import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { bundles, notifications, stepExecutions, taskEvents, tasks } from "../../db/schema.js";
import type { Bundle } from "../../domain/bundle.js";
import type { StepExecution } from "../../domain/step-execution.js";
import type { RunStore } from "../repository.js";
import { keysetPage } from "./keyset-page.js";
import { SPECS } from "./table-specs.js";
import { translated } from "./translate-error.js";
import { insertAudit, insertRecords, updateVersioned } from "./versioned-write.js";

// Written exactly as the partial index's WHERE clause (bundles_run_wake_at_idx), so the planner uses it.
const hasWake = sql`${bundles.runWakeAt} is not null`;

export function runStore(db: Db): RunStore {
  return {
    /**
     * One transaction. Tasks are updated before their bundle, by ID: the order every task write locks
     * them in (unchanged-guard.ts), so a run's transition and a person's task change queue rather than
     * deadlock. New tasks go in before the steps that wait on them (a step's task is a foreign key).
     * A step attempt recorded already fails its primary key (or the attempt's unique index): a ConflictError.
     */
    apply: (write) =>
      translated(() =>
        db.transaction(async (tx) => {
          const changedTasks = [...write.updateTasks].sort((a, b) => compare(a.next.taskId, b.next.taskId));
          for (const task of changedTasks) await updateVersioned(tx, SPECS.task, task.next, task.expectedVersion);
          await updateVersioned(tx, SPECS.bundle, write.bundle.next, write.bundle.expectedVersion);
          await insertRecords(tx, tasks, write.createTasks);
          await insertRecords(tx, stepExecutions, write.createSteps);
          for (const step of write.updateSteps)
            await updateVersioned(tx, SPECS.stepExecution, step.next, step.expectedVersion);
          await insertRecords(tx, taskEvents, write.taskEvents);
          await insertRecords(tx, notifications, write.notifications);
          await insertAudit(tx, write.audit);
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

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
