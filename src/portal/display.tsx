import type { Child } from "hono/jsx";
import type { Task } from "../domain/task.js";

/** A status word with its colour class; the word itself carries the meaning, never the colour alone. */
export const Badge = (props: { status: string; label?: string }) => (
  <span class={`badge s-${props.status}`}>{props.label ?? props.status}</span>
);

/** An instant as people read it: `2026-11-25 14:05 UTC`. */
export const when = (timestamp: string | undefined) =>
  timestamp ? `${timestamp.slice(0, 10)} ${timestamp.slice(11, 16)} UTC` : "";

export const taskPath = (task: Pick<Task, "taskId">) => `/tasks/${encodeURIComponent(task.taskId)}`;
export const bundlePath = (bundleId: string, tail = "") => `/bundles/${encodeURIComponent(bundleId)}${tail}`;

/** One task as a list shows it: what, when, who, and where it stands. */
export function TaskLine(props: { task: Task; people: Map<string, string>; extra?: unknown; today?: string }) {
  const { task } = props;
  const overdue =
    props.today !== undefined && task.date < props.today && (task.status === "todo" || task.status === "waiting");
  return (
    <div>
      <div class="row">
        <a href={taskPath(task)}>{task.description}</a>
        <Badge status={task.status} />
        {overdue ? <Badge status="overdue" /> : null}
      </div>
      <div class="row muted">
        <span>Due {task.date}</span>
        <span>{task.assigneeId ? (props.people.get(task.assigneeId) ?? task.assigneeId) : "Unassigned"}</span>
        {task.waitingFor ? <span>Waiting for {task.waitingFor}</span> : null}
        {task.followUpAt ? <span>Follow up {when(task.followUpAt)}</span> : null}
      </div>
    </div>
  );
}

/** Where a page sits: a breadcrumb navigation landmark. */
export function Crumbs(props: { trail: { href: string; label: string }[]; here: string }) {
  return (
    <nav aria-label="Breadcrumb" class="crumbs">
      {props.trail.map((step) => (
        <>
          <a href={step.href}>{step.label}</a>
          {" › "}
        </>
      ))}
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}

/** A step's or run's error as people read it: `TimeoutError/CODE at step: message`. */
export function ErrorText(props: { error: { type: string; code?: string; message: string; stepId?: string } }) {
  const e = props.error;
  return (
    <span class="s-failed">
      {e.type}
      {e.code ? `/${e.code}` : ""}
      {e.stepId ? ` at ${e.stepId}` : ""}: {e.message}
    </span>
  );
}

/** A list of cards, or what to say when there is nothing (no empty list for screen readers to announce). */
export function Cards(props: { empty: string; items: Child[]; ordered?: boolean }) {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  return props.ordered ? <ol class="cards">{props.items}</ol> : <ul class="cards">{props.items}</ul>;
}
