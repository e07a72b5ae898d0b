/** What one tick did: POST /api/scheduler/tick answers with these. */
export type TickCounts = {
  /** Reminders raised (every type). */
  notifications: number;
  /** Tasks created by recurring configs. */
  tasks: number;
  /** Bundles created by recurring configs and scheduled workflows. */
  bundles: number;
  /** Workflow runs advanced (timers fired, runnable steps run). */
  runs: number;
  /** Run log entries deleted because their workflow's executionLog.retention passed. */
  logsPurged: number;
  /** Expired portal sessions deleted (0 on DynamoDB, where the users table's TTL deletes them). */
  sessionsPurged: number;
  /** Generations and deliveries that failed (each also reported, once, as an automation-failure reminder). */
  failures: number;
};

export const noCounts = (): TickCounts => ({
  notifications: 0,
  tasks: 0,
  bundles: 0,
  runs: 0,
  logsPurged: 0,
  sessionsPurged: 0,
  failures: 0,
});
