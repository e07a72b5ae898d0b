import type { Context } from "hono";
import type { Task, TaskEvent } from "../../domain/task.js";
import { listArtifacts } from "../../services/artifact-queries.js";
import { getBundle } from "../../services/bundle-queries.js";
import { blockersOf } from "../../services/task-blockers.js";
import { getTask, listTaskEvents } from "../../services/task-queries.js";
import { peopleById } from "../data/people.js";
import { Badge, bundlePath, when } from "../display.js";
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
    bundle ? blockersOf(ctx, bundle, [task]) : new Map(),
  ]);
  const person = (id?: string) => (id ? (people.get(id) ?? id) : "Unassigned");
  return renderPage(c, {
    title: task.description,
    viewer: c.var.viewer,
    section: "/bundles",
    status: state?.status,
    body: (
      <>
        <p class="crumbs">
          <a href="/bundles">Bundles</a>
          {bundle ? (
            <>
              {" › "}
              <a href={bundlePath(bundle.bundleId)}>{bundle.title}</a>
            </>
          ) : null}
          {" › task"}
        </p>
        <h1>{task.description}</h1>
        <div class="panel">
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Badge status={task.status} />
              {task.outcome ? ` outcome: ${task.outcome}` : ""}
            </dd>
            <dt>Due</dt>
            <dd>{task.date}</dd>
            <dt>Assignee</dt>
            <dd>{person(task.assigneeId)}</dd>
            {task.phase ? (
              <>
                <dt>Phase</dt>
                <dd>{task.phase}</dd>
              </>
            ) : null}
            {task.waitingFor ? (
              <>
                <dt>Waiting for</dt>
                <dd>
                  {task.waitingFor}
                  {task.followUpAt ? `, follow up ${when(task.followUpAt)}` : ""}
                  {task.followUpChannel ? ` by ${task.followUpChannel}` : ""}
                </dd>
              </>
            ) : null}
            {task.completedAt ? (
              <>
                <dt>Completed</dt>
                <dd>
                  {when(task.completedAt)} by {person(task.completedBy)}
                </dd>
              </>
            ) : null}
            <Needs task={task} />
          </dl>
          <Blockers gaps={blockers.get(task.taskId)} />
        </div>
        <Context_ task={task} docs={ctx.catalog.docs} />
        <TaskForms task={task} viewer={c.var.viewer} state={state} />
        <section aria-labelledby="artifacts">
          <h2 id="artifacts">Artifacts</h2>
          {artifacts.items.length === 0 ? <p>No artifacts on this task.</p> : null}
          <ul class="cards">
            {artifacts.items.map((a) => (
              <li class="row">
                <span>{a.title}</span>
                <Badge status={a.status} />
              </li>
            ))}
          </ul>
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

function Context_(props: { task: Task; docs: Parameters<typeof DocLinks>[0]["docs"] }) {
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
      {props.events.length === 0 ? <p>Nothing has happened to this task yet.</p> : null}
      <ol class="cards">
        {props.events.map((e) => (
          <li>
            <div class="row">
              <strong>{e.kind}</strong>
              <span>{when(e.createdAt)}</span>
              <span>{e.actorId ? props.person(e.actorId) : "system"}</span>
            </div>
            {e.note ? <p>{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
