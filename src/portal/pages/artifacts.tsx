import type { Context } from "hono";
import { ARTIFACT_TYPES, type Artifact } from "../../domain/artifact.js";
import type { Task } from "../../domain/task.js";
import { type ArtifactView, loadArtifactView } from "../data/artifact-view.js";
import { Badge, bundlePath, Crumbs, taskPath, when } from "../display.js";
import { FormError, Hidden, PostForm, SelectField, TextArea, TextField } from "../form-kit.js";
import type { FormState } from "../form-state.js";
import { can } from "../portal-actions.js";
import type { PortalEnv, Viewer } from "../portal-env.js";
import { renderPage } from "../render.js";

const TYPES = ARTIFACT_TYPES.filter((t) => t !== "assistant-output").map((t) => ({ value: t, label: t }));
const taskOptions = (tasks: Task[], blank?: string) => [
  ...(blank ? [{ value: "", label: blank }] : []),
  ...tasks.map((t) => ({ value: t.taskId, label: `${t.date} ${t.description}` })),
];

/** A bundle's artifacts and its tasks', with review status; register a link, upload a file, approve or reject. */
export async function artifactsPage(c: Context<PortalEnv>, bundleId: string, state?: FormState) {
  const view = await loadArtifactView(c.var.ctx, bundleId);
  const viewer = c.var.viewer;
  const { bundle } = view;
  const groups: { title: string; task?: Task; items: Artifact[] }[] = [
    { title: "On the bundle", items: view.onBundle },
    // In the bundle's task order, as its page lists them.
    ...view.tasks.map((task) => ({ title: task.description, task, items: view.byTask.get(task.taskId) ?? [] })),
  ];
  return renderPage(c, {
    title: `Artifacts of ${bundle.title}`,
    viewer,
    section: "/bundles",
    state,
    body: (
      <>
        <Crumbs
          trail={[
            { href: "/bundles", label: "Bundles" },
            { href: bundlePath(bundle.bundleId), label: bundle.title },
          ]}
          here="artifacts"
        />
        <h1>Artifacts of {bundle.title}</h1>
        {groups.every((g) => g.items.length === 0) ? <p>No artifacts yet.</p> : null}
        {view.truncated ? <p class="muted">Only the first artifacts are shown; the API lists them all.</p> : null}
        {groups
          .filter((g) => g.items.length)
          .map((group, i) => (
            <section aria-labelledby={`group-${i}`}>
              <h2 id={`group-${i}`}>{group.task ? <a href={taskPath(group.task)}>{group.title}</a> : group.title}</h2>
              <ul class="cards">
                {group.items.map((a) => (
                  <li>
                    <ArtifactItem artifact={a} viewer={viewer} state={state} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        {can(viewer, "register-link") ? <RegisterLink view={view} viewer={viewer} state={state} /> : null}
        {can(viewer, "upload-file") ? <UploadFile view={view} viewer={viewer} state={state} /> : null}
      </>
    ),
  });
}

function ArtifactItem(props: { artifact: Artifact; viewer: Viewer; state?: FormState }) {
  const a = props.artifact;
  const reviewable = a.status === "needs-review" || (a.status === "draft" && a.sourceType === "manual-link");
  const action = (verb: string) => `/artifacts/${encodeURIComponent(a.artifactId)}/${verb}`;
  const rejectForm = `reject-${a.artifactId}`;
  return (
    <div>
      <div class="row">
        {a.storageUri.startsWith("http") ? <a href={a.storageUri}>{a.title}</a> : <span>{a.title}</span>}
        <Badge status={a.status} />
        <span class="muted">{a.type}</span>
        <span class="muted">{a.sourceType === "manual-upload" ? `file ${a.filename ?? ""}` : a.sourceType}</span>
        {a.reviewedAt ? <span class="muted">reviewed {when(a.reviewedAt)}</span> : null}
      </div>
      {reviewable && can(props.viewer, "approve-artifact") ? (
        <PostForm action={action("approve")} csrf={props.viewer.csrf} class="inline">
          <FormError form={`approve-${a.artifactId}`} state={props.state} />
          <Hidden name="expectedVersion" value={a.version} />
          <button type="submit">Approve {a.title}</button>
        </PostForm>
      ) : null}
      {a.status === "needs-review" && can(props.viewer, "reject-artifact") ? (
        <PostForm action={action("reject")} csrf={props.viewer.csrf} class="inline">
          <FormError form={rejectForm} state={props.state} />
          <Hidden name="expectedVersion" value={a.version} />
          <TextField form={rejectForm} name="reason" label={`Why reject ${a.title}`} required state={props.state} />
          <button type="submit" class="secondary">
            Reject {a.title}
          </button>
        </PostForm>
      ) : null}
    </div>
  );
}

function RegisterLink(props: { view: ArtifactView; viewer: Viewer; state?: FormState }) {
  const form = "register-link";
  return (
    <section aria-labelledby="register-link">
      <h2 id="register-link">Register a link</h2>
      <p class="hint">A document that lives elsewhere (a shared doc, a recording): nothing is uploaded.</p>
      <PostForm
        action={bundlePath(props.view.bundle.bundleId, "/artifacts")}
        csrf={props.viewer.csrf}
        label="Register a link"
      >
        <FormError form={form} state={props.state} />
        <TextField form={form} name="title" label="Title" required state={props.state} />
        <TextField
          form={form}
          name="storageUri"
          type="url"
          label="Link"
          hint="An https address"
          required
          state={props.state}
        />
        <SelectField form={form} name="type" label="Type" value="external-link" options={TYPES} state={props.state} />
        <SelectField
          form={form}
          name="taskId"
          label="For task"
          options={taskOptions(props.view.tasks, "The bundle as a whole")}
          state={props.state}
        />
        <TextArea form={form} name="description" label="Description (optional)" state={props.state} />
        <div>
          <button type="submit">Register link</button>
        </div>
      </PostForm>
    </section>
  );
}

function UploadFile(props: { view: ArtifactView; viewer: Viewer; state?: FormState }) {
  const form = "upload-file";
  return (
    <section aria-labelledby="upload-file">
      <h2 id="upload-file">Upload a file</h2>
      <PostForm
        action={bundlePath(props.view.bundle.bundleId, "/files")}
        csrf={props.viewer.csrf}
        multipart
        label="Upload a file"
      >
        <FormError form={form} state={props.state} />
        <SelectField
          form={form}
          name="taskId"
          label="For task"
          required
          options={taskOptions(props.view.tasks, "Choose a task")}
          state={props.state}
        />
        <div class="field">
          <label for="upload-file-file">File</label>
          <input id="upload-file-file" name="file" type="file" required />
        </div>
        <TextField
          form={form}
          name="title"
          label="Title (optional)"
          hint="The file's name when left blank"
          state={props.state}
        />
        <SelectField form={form} name="type" label="Type" value="other" options={TYPES} state={props.state} />
        <div>
          <button type="submit">Upload</button>
        </div>
      </PostForm>
    </section>
  );
}
