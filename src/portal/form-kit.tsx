import type { Child } from "hono/jsx";
import { CSRF_FIELD } from "./csrf.js";
import type { FormState } from "./form-state.js";

/** The props every field of a refusable form shares: which form, and its last refusal if any. */
type FieldBase = { form: string; name: string; label: string; state?: FormState; hint?: string; required?: boolean };

const ownState = (form: string, state?: FormState) => (state?.form === form ? state : undefined);

/** What the field shows: what was typed on a refused submit, else the stored value. */
function shown(props: FieldBase, stored?: string): string {
  return ownState(props.form, props.state)?.values[props.name] ?? stored ?? "";
}

const fieldId = (form: string, name: string) => `${form}-${name}`;

function describedBy(props: FieldBase, problem: string | undefined): string | undefined {
  const ids = [
    props.hint ? `${fieldId(props.form, props.name)}-hint` : "",
    problem ? `${fieldId(props.form, props.name)}-error` : "",
  ];
  return ids.filter(Boolean).join(" ") || undefined;
}

/** What every control of a field carries: its ID and name, whether it is required, and its error wiring. */
function controlProps(props: FieldBase, problem: string | undefined) {
  return {
    id: fieldId(props.form, props.name),
    name: props.name,
    required: props.required,
    "aria-invalid": problem ? "true" : undefined,
    "aria-describedby": describedBy(props, problem),
  };
}

function FieldFrame(props: FieldBase & { problem?: string; children: Child }) {
  const id = fieldId(props.form, props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.children}
      {props.problem ? (
        <span class="field-error" id={`${id}-error`}>
          {props.problem}
        </span>
      ) : null}
    </div>
  );
}

export function TextField(
  props: FieldBase & { value?: string; type?: "text" | "url" | "password" | "datetime-local" },
) {
  const problem = ownState(props.form, props.state)?.issues[props.name];
  const type = props.type ?? "text";
  return (
    <FieldFrame {...props} problem={problem}>
      <input
        {...controlProps(props, problem)}
        type={type}
        value={type === "password" ? "" : shown(props, props.value)}
        autocomplete="off"
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value?: string }) {
  const problem = ownState(props.form, props.state)?.issues[props.name];
  return (
    <FieldFrame {...props} problem={problem}>
      <textarea {...controlProps(props, problem)}>{shown(props, props.value)}</textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldBase & { value?: string; options: { value: string; label: string }[] }) {
  const problem = ownState(props.form, props.state)?.issues[props.name];
  const current = shown(props, props.value);
  return (
    <FieldFrame {...props} problem={problem}>
      <select {...controlProps(props, problem)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The refusal of this form, in words, announced to screen readers where it appears. */
export function FormError(props: { form: string; state?: FormState }) {
  const state = ownState(props.form, props.state);
  if (!state) return null;
  const named = Object.entries(state.issues);
  return (
    <div class="error" role="alert" id={`${props.form}-error`}>
      <strong>{state.message}</strong>
      {named.length ? (
        <ul>
          {named.map(([field, message]) => (
            <li>
              {field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A form that posts to `action` carrying the session's CSRF token. */
export function PostForm(props: {
  action: string;
  csrf: string;
  class?: string;
  label?: string;
  multipart?: boolean;
  children: Child;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.class ?? "stack"}
      aria-label={props.label}
      enctype={props.multipart ? "multipart/form-data" : undefined}
    >
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      {props.children}
    </form>
  );
}

export const Hidden = (props: { name: string; value: string | number }) => (
  <input type="hidden" name={props.name} value={String(props.value)} />
);
