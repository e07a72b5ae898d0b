import type { Context } from "hono";
import type { DocRegistry } from "../../content/doc-registry.js";
import type { BundleLink } from "../../domain/common.js";
import type { ProofGap } from "../../services/proof-gates.js";
import { type BundleView, loadBundleView } from "../data/bundle-view.js";
import { Badge, bundlePath, Crumbs, TaskLine } from "../display.js";
import { DocLinks } from "../docs-in-context.js";
import { FormError, Hidden, PostForm, TextField } from "../form-kit.js";
import type { FormState } from "../form-state.js";
import { can } from "../portal-actions.js";
import type { PortalEnv, Viewer } from "../portal-env.js";
import { renderPage } from "../render.js";
import { Progress } from "./bundles.js";

/** A bundle: stage and progress, required links to edit, tasks by phase with why each is blocked. */
export async function bundlePage(c: Context<PortalEnv>, bundleId: string, state?: FormState) {
  const view = await loadBundleView(c.var.ctx, bundleId);
  const { bundle } = view;
  const viewer = c.var.viewer;
  return renderPage(c, {
    title: bundle.title,
    viewer,
    section: "/bundles",
    state,
    body: (
      <>
        <Crumbs trail={[{ href: "/bundles", label: "Bundles" }]} here={bundle.title} />
        <h1>{bundle.title}</h1>
        <div class="panel">
          <div class="row">
            <Badge status={bundle.status} />
            <span>
              Stage <strong>{bundle.stage}</strong> of {bundle.stages.join(" → ")}
            </span>
            <Progress bundle={bundle} />
          </div>
          <div class="row muted">
            <span>Anchor date {bundle.anchorDate}</span>
            <span>Workflow {bundle.workflowId ?? "none (ad hoc)"}</span>
          </div>
          <div class="row">
            <a href={bundlePath(bundle.bundleId, "/artifacts")}>Artifacts</a>
            {bundle.runStatus ? <a href={bundlePath(bundle.bundleId, "/run")}>Run ({bundle.runStatus})</a> : null}
          </div>
          {bundle.description ? <p>{bundle.description}</p> : null}
        </div>
        {view.docIds.length ? (
          <section aria-labelledby="docs">
            <h2 id="docs">Process docs</h2>
            <DocLinks docs={c.var.ctx.catalog.docs} docIds={view.docIds} />
          </section>
        ) : null}
        <Links view={view} viewer={viewer} state={state} />
        <Phases view={view} docs={c.var.ctx.catalog.docs} />
      </>
    ),
  });
}

function Links(props: { view: BundleView; viewer: Viewer; state?: FormState }) {
  const { bundle } = props.view;
  if (bundle.links.length === 0) return null;
  const editable = can(props.viewer, "edit-link");
  return (
    <section aria-labelledby="links">
      <h2 id="links">Links</h2>
      <ul class="cards">
        {bundle.links.map((link, slot) => (
          <li>{editable ? <LinkForm link={link} slot={slot} {...props} /> : <LinkShown link={link} />}</li>
        ))}
      </ul>
    </section>
  );
}

/** The form ID of a link's edit box, by its place in the list (names may hold anything). */
export const linkForm = (slot: string | number) => `link-${/^\d{1,3}$/.test(String(slot)) ? slot : "x"}`;

function LinkShown(props: { link: BundleLink }) {
  const { link } = props;
  return (
    <div class="row">
      <strong>{link.name}</strong>
      {link.required ? <span class="muted">required</span> : null}
      {link.url ? <a href={link.url}>{link.url}</a> : <span class="s-blocked">not set yet</span>}
    </div>
  );
}

function LinkForm(props: { link: BundleLink; slot: number; view: BundleView; viewer: Viewer; state?: FormState }) {
  const { link, view } = props;
  const form = linkForm(props.slot);
  return (
    <PostForm action={bundlePath(view.bundle.bundleId, "/links")} csrf={props.viewer.csrf} class="inline">
      <FormError form={form} state={props.state} />
      <Hidden name="name" value={link.name} />
      <Hidden name="slot" value={props.slot} />
      <Hidden name="expectedVersion" value={view.bundle.version} />
      <TextField
        form={form}
        name="url"
        type="url"
        label={`${link.name}${link.required ? " (required)" : ""}`}
        value={link.url}
        state={props.state}
      />
      <button type="submit">Save {link.name}</button>
    </PostForm>
  );
}

function Phases(props: { view: BundleView; docs: DocRegistry }) {
  const { view } = props;
  return (
    <>
      {view.phases.map((phase, i) => (
        <section aria-labelledby={`phase-${i}`}>
          <h2 id={`phase-${i}`}>
            {phase.name} ({phase.tasks.filter((t) => t.status === "done").length} of {phase.tasks.length} done)
          </h2>
          <ul class="cards">
            {phase.tasks.map((task) => (
              <li>
                <TaskLine task={task} people={view.people} />
                {task.instructionDocId ? (
                  <DocLinks
                    docs={props.docs}
                    docIds={[]}
                    instruction={{ docId: task.instructionDocId, stepId: task.instructionStepId }}
                  />
                ) : null}
                <Blockers gaps={view.blockers.get(task.taskId)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Why a task cannot be marked done yet, in words: the same gates completing it checks. */
export function Blockers(props: { gaps?: ProofGap[] }) {
  if (!props.gaps?.length) return null;
  return (
    <div class="blocked">
      <strong>Blocked:</strong>
      <ul>
        {props.gaps.map((gap) => (
          <li>{gap.message}</li>
        ))}
      </ul>
    </div>
  );
}
