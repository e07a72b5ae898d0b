import type { Context } from "hono";
import type { Notification } from "../../domain/notification.js";
import type { Task } from "../../domain/task.js";
import { AGENDA_LIST_MAX, agendaOf } from "../../services/reminders/agenda.js";
import { listNotifications } from "../../services/reminders/notifications.js";
import { peopleById } from "../data/people.js";
import { Badge, bundlePath, Cards, TaskLine, taskPath, when } from "../display.js";
import { FormError, Hidden, PostForm } from "../form-kit.js";
import type { FormState } from "../form-state.js";
import { can } from "../portal-actions.js";
import type { PortalEnv, Viewer } from "../portal-env.js";
import { renderPage } from "../render.js";

const REMINDERS_SHOWN = 50;

/** Today: my tasks due today and overdue, follow-ups that are due, and reminders to dismiss. */
export async function todayPage(c: Context<PortalEnv>, state?: FormState) {
  const ctx = c.var.ctx;
  const [agenda, reminders, people] = await Promise.all([
    agendaOf(ctx),
    listNotifications(ctx, { limit: String(REMINDERS_SHOWN) }),
    peopleById(ctx),
  ]);
  const viewer = c.var.viewer;
  return renderPage(c, {
    title: "Today",
    viewer,
    section: "/",
    state,
    body: (
      <>
        <h1>Today, {agenda.date}</h1>
        <p class="muted">
          Your open tasks, in the team's time zone ({agenda.timeZone}).
          {agenda.truncated ? ` Only the first ${AGENDA_LIST_MAX} of each list are shown.` : ""}
        </p>
        <TaskSection
          title="Overdue"
          tasks={agenda.overdue}
          people={people}
          empty="Nothing overdue."
          today={agenda.date}
        />
        <TaskSection title="Due today" tasks={agenda.dueToday} people={people} empty="Nothing due today." />
        <TaskSection title="Follow-ups due" tasks={agenda.followUpsDue} people={people} empty="No follow-ups due." />
        <section aria-labelledby="reminders">
          <h2 id="reminders">Reminders ({agenda.undismissedReminders})</h2>
          <FormError form="dismiss" state={state} />
          <Cards
            empty="No reminders to dismiss."
            items={reminders.items.map((n) => (
              <li>
                <Reminder notification={n} viewer={viewer} />
              </li>
            ))}
          />
        </section>
      </>
    ),
  });
}

function TaskSection(props: {
  title: string;
  tasks: Task[];
  people: Map<string, string>;
  empty: string;
  today?: string;
}) {
  const id = props.title.toLowerCase().replace(/\W+/g, "-");
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {props.title} ({props.tasks.length})
      </h2>
      <Cards
        empty={props.empty}
        items={props.tasks.map((task) => (
          <li>
            <TaskLine task={task} people={props.people} today={props.today} />
          </li>
        ))}
      />
    </section>
  );
}

function Reminder(props: { notification: Notification; viewer: Viewer }) {
  const n = props.notification;
  return (
    <div class="row">
      <Badge status="waiting" label={n.type} />
      <span>{n.message}</span>
      <span class="muted">{when(n.dueAt)}</span>
      {n.taskId ? <a href={taskPath({ taskId: n.taskId })}>Task</a> : null}
      {n.bundleId ? <a href={bundlePath(n.bundleId)}>Bundle</a> : null}
      {can(props.viewer, n.userId ? "dismiss-reminder" : "dismiss-team-reminder") ? (
        <PostForm
          action={`/notifications/${encodeURIComponent(n.notificationId)}/dismiss`}
          csrf={props.viewer.csrf}
          class="inline"
        >
          <Hidden name="expectedVersion" value={n.version} />
          <button type="submit" class="secondary">
            Dismiss
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}
