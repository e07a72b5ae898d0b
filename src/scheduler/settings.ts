/** How reminders are computed and the scheduler runs: from configuration (see src/config.ts). */
export type SchedulerSettings = {
  /** IANA name of the team's time zone: what "today" means for due and overdue work. */
  teamTimeZone: string;
  /** An overdue task is reminded again every this many days while it stays open. */
  overdueRepeatDays: number;
  /** A task with unmet proof is reminded this many days (or fewer) before its date. */
  missingEvidenceDays: number;
  /** Seconds between ticks inside the server and `npm run scheduler`; 0 turns the in-server loop off. */
  intervalSeconds: number;
  /** Daily email digests: sent only when an SMTP URL is set. */
  digest: { smtpUrl?: string; hour: number; from: string };
};

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
  teamTimeZone: "UTC",
  overdueRepeatDays: 1,
  missingEvidenceDays: 2,
  intervalSeconds: 60,
  digest: { hour: 8, from: "work-engine@localhost" },
};
