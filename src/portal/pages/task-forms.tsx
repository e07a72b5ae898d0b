import { FOLLOW_UP_CHANNELS, type Task } from "../../domain/task.js";
import type { TransitionName } from "../../domain/task-input.js";
import { FormError, Hidden, PostForm, SelectField, TextArea, TextField } from "../form-kit.js";
import type { FormState } from "../form-state.js";
import { can } from "../portal-actions.js";
import type { Viewer } from "../portal-env.js";

type FormProps = { task: Task; viewer: Viewer; state?: FormState };

const LABELS: Record<TransitionName, string> = {
  complete: "Complete the task",
  "resolve-done": "Finish the task",
  "mark-waiting": "Wait on someone",
  "follow-up-sent": "Record a follow-up",
  "response-received": "Response received",
  reopen: "Reopen the task",
};

/** Which transitions a task's status offers, in the order the page shows them. */
const OFFERED: Record<Task["status"], TransitionName[]> = {
  todo: ["complete", "mark-waiting"],
  waiting: ["resolve-done", "follow-up-sent", "response-received"],
  done: ["reopen"],
  archived: ["reopen"],
};

/** The forms this viewer may use on this task now; none for a viewer, none to reopen a workflow step's task. */
export function TaskForms(props: FormProps) {
  const offered = OFFERED[props.task.status].filter(
    (name) => can(props.viewer, name) && !(name === "reopen" && props.task.stepExecutionId),
  );
  if (offered.length === 0) return null;
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      {offered.map((name) => (
        <div class="panel">
          <h3 id={`${name}-title`}>{LABELS[name]}</h3>
          <PostForm
            action={`/tasks/${encodeURIComponent(props.task.taskId)}/${name}`}
            csrf={props.viewer.csrf}
            label={LABELS[name]}
          >
            <FormError form={name} state={props.state} />
            <Hidden name="expectedVersion" value={props.task.version} />
            <Fields name={name} {...props} />
            <div>
              <button type="submit">{LABELS[name]}</button>
            </div>
          </PostForm>
        </div>
      ))}
    </section>
  );
}

const CHANNELS = [{ value: "", label: "(not said)" }, ...FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: c }))];

function Fields(props: FormProps & { name: TransitionName }) {
  const { name, state } = props;
  switch (name) {
    case "complete":
      return <ProofFields {...props} />;
    case "resolve-done":
      return (
        <>
          <ProofFields {...props} />
          <TextArea form={name} name="note" label="Note (optional)" state={state} />
        </>
      );
    case "mark-waiting":
      return (
        <>
          <TextField form={name} name="waitingFor" label="Waiting for" required state={state} />
          <TextField
            form={name}
            name="followUpAt"
            type="datetime-local"
            label="Follow up at (UTC)"
            required
            state={state}
          />
          <SelectField form={name} name="channel" label="Channel" options={CHANNELS} state={state} />
          <TextArea form={name} name="note" label="Note (optional)" state={state} />
        </>
      );
    case "follow-up-sent":
      return (
        <>
          <TextArea form={name} name="note" label="What was sent" required state={state} />
          <TextField
            form={name}
            name="nextFollowUpAt"
            type="datetime-local"
            label="Next follow-up at (UTC)"
            required
            state={state}
          />
          <SelectField
            form={name}
            name="channel"
            label="Channel"
            options={CHANNELS}
            value={props.task.followUpChannel}
            state={state}
          />
        </>
      );
    default:
      return <TextArea form={name} name="note" label="Note (optional)" state={state} />;
  }
}

/** The proof a task asks for: an outcome when it has outcomes, the link, comment or external status it needs. */
function ProofFields(props: FormProps & { name: TransitionName }) {
  const { task, name, state } = props;
  const proof = task.proofRequirement;
  const linkLabel = task.requiredLinkName ?? (proof?.type === "url" ? proof.label : undefined);
  return (
    <>
      {task.outcomes?.length ? (
        <SelectField
          form={name}
          name="outcome"
          label="Outcome"
          required
          options={[{ value: "", label: "Choose an outcome" }, ...task.outcomes.map((o) => ({ value: o, label: o }))]}
          state={state}
        />
      ) : null}
      <TextField
        form={name}
        name="link"
        type="url"
        label={linkLabel ? `Link: ${linkLabel}` : "Link (optional)"}
        hint="An http(s) address"
        value={task.link}
        state={state}
      />
      <TextArea
        form={name}
        name="comment"
        label={proof?.type === "comment" ? `Comment: ${proof.label}` : "Comment (optional)"}
        value={task.comment}
        state={state}
      />
      {proof?.type === "external-status" ? (
        <TextField
          form={name}
          name="externalStatus"
          label={`External status: ${proof.label}`}
          value={task.externalStatus}
          state={state}
        />
      ) : null}
    </>
  );
}
