import type { Context } from "hono";
import type { DocRegistry } from "../../content/doc-registry.js";
import type { Task, TaskEvent } from "../../domain/task.js";
import { listArtifacts } from "../../services/artifact-queries.js";
import { getBundle } from "../../services/bundle-queries.js";
import { blockersOf } from "../../services/task-blockers.js";
import { getTask, listTaskEvents } from "../../services/task-queries.js";
import { peopleById } from "../data/people.js";
import { Badge, bundlePath, Cards, Crumbs, when } from "../display.js";
import { DocLinks } from "../docs-in-context.js";
import type { FormState } from "../form-state.js";
import type { PortalEnv } from "../portal-env.js";
import { renderPage } from "../render.js";
import { Blockers } from "./bundle.js";
import { TaskForms } from "./task-forms.js";

const HISTORY_SHOWN = 100;

/** A task: what it needs, why it is blocked, the actions its status offers, its artifacts and history. */
export async function taskPage(c: Context<PortalEnv>, taskId: string, state?: FormState) {
  const ctx = c.var.ctx;
  const task = await getTask(ctx, taskId);
  const bundle = task.bundleId ? await getBundle(ctx, task.bundleId) : undefined;
  const [history, artifacts, people, blockers] = await Promise.all([
    listTaskEvents(ctx, task.taskId, { limit: HISTORY_SHOWN }),
    listArtifacts(ctx, { taskId: task.taskId, limit: "100" }),
    peopleById(ctx),
    blockersOf(ctx, bundle, [task]),
  ]);
  const person = (id?: string) => (id ? (people.get(id) ?? id) : "Unassigned");
  const trail = [
    { href: "/bundles", label: "Bundles" },
    ...(bundle ? [{ href: bundlePath(bundle.bundleId), label: bundle.title }] : []),
  ];
  return renderPage(c, {
    title: task.description,
    viewer: c.var.viewer,
    section: "/bundles",
    state,
    body: (
      <>
        <Crumbs trail={trail} here="task" />
        <h1>{task.description}</h1>
        <div class="panel">
          <Facts task={task} person={person} />
          <Blockers gaps={blockers.get(task.taskId)} />
        </div>
        <HowToDoIt task={task} docs={ctx.catalog.docs} />
        <TaskForms task={task} viewer={c.var.viewer} state={state} />
        <section aria-labelledby="artifacts">
          <h2 id="artifacts">Artifacts</h2>
          <Cards
            empty="No artifacts on this task."
            items={artifacts.items.map((a) => (
              <li class="row">
                <span>{a.title}</span>
                <Badge status={a.status} />
              </li>
            ))}
          />
          {bundle ? (
            <p>
              <a href={bundlePath(bundle.bundleId, "/artifacts")}>Register, upload and review artifacts</a>
            </p>
          ) : null}
        </section>
        <History events={history.items} person={person} />
      </>
    ),
  });
}

/** Where the task stands: status, date, who, phase, what it waits for, when it was done. */
function Facts(props: { task: Task; person: (id?: string) => string }) {
  const { task, person } = props;
  const fact = (term: string, value: string | undefined) =>
    value ? (
      <>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  const follow = [
    task.followUpAt ? `, follow up ${when(task.followUpAt)}` : "",
    task.followUpChannel ? ` by ${task.followUpChannel}` : "",
  ].join("");
  const done = task.completedAt ? `${when(task.completedAt)} by ${person(task.completedBy)}` : undefined;
  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <Badge status={task.status} />
        {task.outcome ? ` outcome: ${task.outcome}` : ""}
      </dd>
      {fact("Due", task.date)}
      {fact("Assignee", person(task.assigneeId))}
      {fact("Phase", task.phase)}
      {fact("Waiting for", task.waitingFor ? `${task.waitingFor}${follow}` : undefined)}
      {fact("Completed", done)}
      <Needs task={task} />
    </dl>
  );
}

/** What the task's gates ask for, stated up front rather than only when refused. */
function Needs(props: { task: Task }) {
  const { task } = props;
  const needs = [
    task.requiredLinkName ? `the link '${task.requiredLinkName}'` : "",
    task.requiresFile ? "an uploaded file" : "",
    ...(task.validation?.requiredBundleLinks ?? []).map((name) => `the bundle link '${name}'`),
    task.proofRequirement && task.proofRequirement.required !== false
      ? `${task.proofRequirement.type} proof '${task.proofRequirement.label}'`
      : "",
  ].filter(Boolean);
  if (needs.length === 0) return null;
  return (
    <>
      <dt>Needs</dt>
      <dd>{needs.join("; ")}</dd>
    </>
  );
}

/** The task's docs in context: its instruction doc and step, source docs, systems, checklist. */
function HowToDoIt(props: { task: Task; docs: DocRegistry }) {
  const { task } = props;
  const instruction = task.instructionDocId
    ? { docId: task.instructionDocId, stepId: task.instructionStepId }
    : undefined;
  const checklist = task.validation?.checklist ?? [];
  if (
    !instruction &&
    task.sourceDocIds.length === 0 &&
    !task.instructionsUrl &&
    !checklist.length &&
    !task.systems.length
  )
    return null;
  return (
    <section aria-labelledby="context">
      <h2 id="context">How to do it</h2>
      <DocLinks docs={props.docs} docIds={task.sourceDocIds} instruction={instruction} />
      {task.instructionsUrl ? (
        <p>
          <a href={task.instructionsUrl}>Instructions</a>
        </p>
      ) : null}
      {task.systems.length ? <p>Systems: {task.systems.join(", ")}</p> : null}
      {checklist.length ? (
        <>
          <h3>Checklist</h3>
          <ul>
            {checklist.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function History(props: { events: TaskEvent[]; person: (id?: string) => string }) {
  return (
    <section aria-labelledby="history">
      <h2 id="history">History</h2>
      <Cards
        ordered
        empty="Nothing has happened to this task yet."
        items={props.events.map((e) => (
          <li>
            <div class="row">
              <strong>{e.kind}</strong>
              <span>{when(e.createdAt)}</span>
              <span>{e.actorId ? props.person(e.actorId) : "system"}</span>
            </div>
            {e.note ? <p>{e.note}</p> : null}
          </li>
        ))}
      />
    </section>
  );
}
