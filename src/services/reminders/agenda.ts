import type { Ctx } from "../../domain/ctx.js";
import { type CalendarDate, dateIn } from "../../domain/dates.js";
import type { Task, TaskStatus } from "../../domain/task.js";
import { actorOf } from "../access.js";
import { undismissedCountFor } from "./notifications.js";

/** What a person opens in the morning. Each list holds at most AGENDA_LIST_MAX tasks (`truncated` says more exist). */
export type Agenda = {
  date: CalendarDate;
  timeZone: string;
  dueToday: Task[];
  overdue: Task[];
  followUpsDue: Task[];
  undismissedReminders: number;
  truncated: boolean;
};

export const AGENDA_LIST_MAX = 200;

/**
 * The caller's open tasks due today and overdue ("today" in TEAM_TIME_ZONE), their waiting tasks
 * whose follow-up time has passed, and how many reminders (theirs and everyone's) are undismissed.
 * Read from the assignee-and-status index, each list stopping at today: nothing is written.
 */
export async function agendaOf(ctx: Ctx): Promise<Agenda> {
  const user = actorOf(ctx);
  const now = ctx.clock.now();
  const timeZone = ctx.scheduler.teamTimeZone;
  const today = dateIn(now, timeZone);
  const agenda: Agenda = {
    date: today,
    timeZone,
    dueToday: [],
    overdue: [],
    followUpsDue: [],
    undismissedReminders: 0,
    truncated: false,
  };
  const add = (list: Task[], task: Task) => {
    if (list.length < AGENDA_LIST_MAX) list.push(task);
    else agenda.truncated = true;
  };
  for (const status of ["todo", "waiting"] as TaskStatus[]) {
    let cursor: string | undefined;
    do {
      const page = await ctx.repo.tasks.listByAssignee(user.userId, status, { limit: 200, cursor });
      for (const task of page.items) {
        if (status === "waiting" && task.followUpAt && task.followUpAt <= now) add(agenda.followUpsDue, task);
        if (task.date < today) add(agenda.overdue, task);
        else if (task.date === today) add(agenda.dueToday, task);
      }
      const last = page.items.at(-1);
      // Ordered by date: a todo list is done once past today; waiting tasks are read whole (follow-ups).
      cursor = status === "todo" && last && last.date > today ? undefined : (page.nextCursor ?? undefined);
    } while (cursor);
  }
  const byDate = (a: Task, b: Task) => (a.date === b.date ? (a.taskId < b.taskId ? -1 : 1) : a.date < b.date ? -1 : 1);
  agenda.overdue.sort(byDate);
  agenda.dueToday.sort(byDate);
  agenda.followUpsDue.sort((a, b) => ((a.followUpAt ?? "") < (b.followUpAt ?? "") ? -1 : 1));
  agenda.undismissedReminders = await undismissedCountFor(ctx, user.userId);
  return agenda;
}
