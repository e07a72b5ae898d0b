import type { Context } from "hono";
import { FormError, Hidden, TextField } from "../form-kit.js";
import type { FormState } from "../form-state.js";
import { renderPage } from "../render.js";

/**
 * Sign-in: paste an API token once; it is exchanged for a session cookie and never kept in the page.
 * A refused token is not shown again (it is a secret); where to go next is kept.
 */
export function signInPage(c: Context, props: { next: string; state?: FormState; signedOut?: boolean }) {
  return renderPage(c, {
    title: "Sign in",
    status: props.state?.status,
    body: (
      <>
        <h1>Sign in</h1>
        {props.signedOut ? (
          <p class="notice" role="status">
            You are signed out.
          </p>
        ) : null}
        <form method="post" action="/sign-in" class="stack" aria-label="Sign in">
          <FormError form="sign-in" state={props.state} />
          <Hidden name="next" value={props.next} />
          <TextField
            form="sign-in"
            name="token"
            type="password"
            label="API token"
            hint="Paste the token an admin issued you (it starts with we_). It is exchanged for a session and not stored in your browser."
            required
            state={props.state}
          />
          <div>
            <button type="submit">Sign in</button>
          </div>
        </form>
      </>
    ),
  });
}
