import type { Context } from "hono";
import { RUN_LOG_LEVELS } from "../../domain/run-log.js";
import type { StepExecution } from "../../domain/step-execution.js";
import type { Step } from "../../domain/workflow-steps.js";
import { loadRunPageView, type RunPageView } from "../data/run-page-view.js";
import { Badge, bundlePath, Crumbs, ErrorText, taskPath, when } from "../display.js";
import type { PortalEnv } from "../portal-env.js";
import { renderPage } from "../render.js";

/** A graph workflow's run: its state, the step graph with each step's attempts, the UI components that apply, and its log. */
export async function runPage(c: Context<PortalEnv>) {
  const bundleId = c.req.param("id") ?? "";
  const query = Object.fromEntries(
    Object.entries(c.req.query()).filter(([k, v]) => ["level", "stepId", "cursor"].includes(k) && v !== ""),
  );
  const view = await loadRunPageView(c.var.ctx, bundleId, query);
  const { bundle, run } = view;
  return renderPage(c, {
    title: `Run of ${bundle.title}`,
    viewer: c.var.viewer,
    section: "/bundles",
    body: (
      <>
        <Crumbs
          trail={[
            { href: "/bundles", label: "Bundles" },
            { href: bundlePath(bundle.bundleId), label: bundle.title },
          ]}
          here="run"
        />
        <h1>Run of {bundle.title}</h1>
        <div class="panel">
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Badge status={run.runStatus} />
            </dd>
            <dt>Started by</dt>
            <dd>
              {run.triggerType ?? "manual"}
              {run.triggerEventId ? ` (event ${run.triggerEventId})` : ""}
            </dd>
            {run.correlationId ? (
              <>
                <dt>Correlation ID</dt>
                <dd>{run.correlationId}</dd>
              </>
            ) : null}
            {run.runWakeAt ? (
              <>
                <dt>Next look</dt>
                <dd>{when(run.runWakeAt)}</dd>
              </>
            ) : null}
            {run.error ? (
              <>
                <dt>Error</dt>
                <dd>
                  <ErrorText error={run.error} />
                </dd>
              </>
            ) : null}
            {run.logSummary ? (
              <>
                <dt>Log</dt>
                <dd>
                  {run.logSummary.entries} entries, {run.logSummary.warnings} warnings, {run.logSummary.errors} errors
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <UiComponents view={view} />
        <section aria-labelledby="graph">
          <h2 id="graph">Steps</h2>
          <div class="graph">
            <StepList steps={view.steps} attempts={run.steps} />
          </div>
        </section>
        <Attempts attempts={run.steps} />
        <Logs view={view} bundleId={bundleId} level={query.level} />
      </>
    ),
  });
}

function UiComponents(props: { view: RunPageView }) {
  const { components, skipped } = props.view.ui;
  if (components.length === 0 && skipped.length === 0) return null;
  return (
    <section aria-labelledby="ui">
      <h2 id="ui">Views for this run</h2>
      {components.map((component) => (
        <div class="panel">
          <h3>{component.componentId}</h3>
          <dl class="facts">
            {Object.entries(component.context).map(([key, value]) => (
              <>
                <dt>{key}</dt>
                <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
              </>
            ))}
          </dl>
        </div>
      ))}
      {skipped.map((s) => (
        <p class="muted">
          {s.componentId} is not shown: {s.reason}
        </p>
      ))}
    </section>
  );
}

/** The declared steps in order, branches nested under their parallel step, each with its latest attempt. */
function StepList(props: { steps: Step[]; attempts: StepExecution[] }) {
  return (
    <ol>
      {props.steps.map((step) => {
        const mine = props.attempts.filter((a) => a.stepId === step.stepId);
        const last = mine.at(-1);
        return (
          <li>
            <div class="row">
              <strong>{step.name ?? step.stepId}</strong>
              <Badge status={last?.status ?? "idle"} label={last?.status ?? "not reached"} />
              <span class="muted">
                {mine.length} attempt{mine.length === 1 ? "" : "s"}
              </span>
              {last?.taskId ? <a href={taskPath({ taskId: last.taskId })}>Its task</a> : null}
            </div>
            {last?.error ? (
              <p>
                <ErrorText error={last.error} />
              </p>
            ) : null}
            {step.next?.length ? (
              <p class="muted">
                Next: {step.next.map((t) => `${t.nextStepId}${t.condition ? ` when ${t.condition}` : ""}`).join("; ")}
              </p>
            ) : null}
            {step.parallelBranches?.map((branch) => (
              <div>
                <span>Branch {branch.branchId}</span>
                <StepList
                  steps={branch.steps}
                  attempts={props.attempts.filter((a) => a.branchPath.split("/").includes(branch.branchId))}
                />
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}

function Attempts(props: { attempts: StepExecution[] }) {
  return (
    <section aria-labelledby="attempts">
      <h2 id="attempts">Attempts ({props.attempts.length})</h2>
      <ol class="cards">
        {props.attempts.map((a) => (
          <li>
            <div class="row">
              <strong>{a.stepId}</strong>
              {a.branchPath ? <span class="muted">in {a.branchPath}</span> : null}
              <span>
                visit {a.visit}, attempt {a.attempt}
              </span>
              <Badge status={a.status} />
            </div>
            <div class="row muted">
              {a.startedAt ? <span>started {when(a.startedAt)}</span> : null}
              {a.endedAt ? <span>ended {when(a.endedAt)}</span> : null}
              {a.wakeAt ? <span>next look {when(a.wakeAt)}</span> : null}
            </div>
            {a.error ? (
              <p>
                <ErrorText error={a.error} />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Logs(props: { view: RunPageView; bundleId: string; level?: string }) {
  const { logs } = props.view;
  return (
    <section aria-labelledby="logs">
      <h2 id="logs">Log</h2>
      <form method="get" action={bundlePath(props.bundleId, "/run")} class="inline" aria-label="Filter the log">
        <div class="field">
          <label for="level">At least</label>
          <select id="level" name="level">
            {RUN_LOG_LEVELS.map((l) => (
              <option value={l} selected={l === (props.level ?? "debug")}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      {logs.items.length === 0 ? <p>No log entries (they expire after the workflow's retention).</p> : null}
      <ol class="cards">
        {logs.items.map((e) => (
          <li class="row">
            <Badge status={e.level === "error" ? "failed" : e.level === "warn" ? "waiting" : "done"} label={e.level} />
            <span class="muted">{when(e.at)}</span>
            {e.stepId ? <span>{e.stepId}</span> : null}
            <span>{e.message}</span>
          </li>
        ))}
      </ol>
      {logs.nextCursor ? (
        <p>
          <a
            href={`${bundlePath(props.bundleId, "/run")}?${new URLSearchParams({ ...(props.level ? { level: props.level } : {}), cursor: logs.nextCursor })}`}
          >
            More log entries
          </a>
        </p>
      ) : null}
    </section>
  );
}
