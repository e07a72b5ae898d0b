import type { Context } from "hono";
import type { EventTrigger, Trigger } from "../../domain/workflow-definition.js";
import type { WorkflowSummary } from "../../domain/workflow-summary.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import { listWorkflows } from "../../services/list-workflows.js";
import { listWorkflowVersions } from "../../services/workflow-queries.js";
import { when } from "../display.js";
import type { PortalEnv } from "../portal-env.js";
import { renderPage } from "../render.js";

const VERSIONS_SHOWN = 20;

/** How a workflow starts, in a few words: by hand, on a schedule, or on events (its `triggers`). */
function startsText(trigger: Trigger, triggers: EventTrigger[]): string {
  const events = triggers.map((t) => (typeof t.eventPattern === "string" ? t.eventPattern : t.eventPattern.type));
  const own =
    trigger.type === "schedule"
      ? `on schedule ${trigger.cron}${trigger.enabled ? "" : " (disabled)"}`
      : trigger.type === "event"
        ? `on event ${trigger.eventPattern}`
        : "by hand";
  return events.length ? `${own}; on events ${events.join(", ")}` : own;
}

/** The workflow definitions and their published versions, read-only: they change in Git, under content/. */
export async function workflowsPage(c: Context<PortalEnv>) {
  const ctx = c.var.ctx;
  const workflows = await listWorkflows(ctx);
  const versions = await Promise.all(
    workflows.map((w) => listWorkflowVersions(ctx, w.workflowId, { limit: VERSIONS_SHOWN })),
  );
  return renderPage(c, {
    title: "Workflows",
    viewer: c.var.viewer,
    section: "/workflows",
    body: (
      <>
        <h1>Workflows</h1>
        <p class="muted">
          Definitions live in Git; a change there is published as a new version when the service starts. Nothing here
          edits them.
        </p>
        <ul class="cards">
          {workflows.map((w, i) => (
            <li>
              <Workflow
                workflow={w}
                versions={versions[i]?.items ?? []}
                more={Boolean(versions[i]?.nextCursor)}
                triggers={ctx.catalog.workflows.get(w.workflowId)?.definition.triggers ?? []}
              />
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

function Workflow(props: {
  workflow: WorkflowSummary;
  versions: WorkflowVersion[];
  more: boolean;
  triggers: EventTrigger[];
}) {
  const w = props.workflow;
  return (
    <>
      <h2>{w.name}</h2>
      <p>{w.description}</p>
      <dl class="facts">
        <dt>ID</dt>
        <dd>{w.workflowId}</dd>
        <dt>In Git</dt>
        <dd>
          <code>{w.sourcePath}</code>
        </dd>
        <dt>Starts</dt>
        <dd>{startsText(w.trigger, props.triggers)}</dd>
        <dt>Tasks</dt>
        <dd>{w.taskCount}</dd>
        <dt>Current version</dt>
        <dd>
          {w.currentVersion.version} <span class="muted">({w.currentVersion.contentHash.slice(0, 19)})</span>
        </dd>
      </dl>
      <details>
        <summary>
          {props.more ? `The latest ${props.versions.length} versions` : `Versions (${props.versions.length})`}
        </summary>
        <ol class="cards">
          {props.versions.map((v) => (
            <li class="row">
              <strong>Version {v.version}</strong>
              <span>published {when(v.createdAt)}</span>
              <span class="muted">{v.contentHash.slice(0, 19)}</span>
              <span>
                from <code>{v.sourcePath}</code>
              </span>
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}
