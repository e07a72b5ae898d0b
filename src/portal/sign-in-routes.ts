import type { Hono, MiddlewareHandler } from "hono";
import { endSession, sessionUser, startSession } from "../services/sessions.js";
import { CSRF_FIELD, csrfTokenMatches } from "./csrf.js";
import { readForm } from "./form-input.js";
import { refusal } from "./form-state.js";
import { signInPage } from "./pages/sign-in.js";
import { safeNext, sameSiteForm } from "./portal-auth.js";
import type { PortalEnv } from "./portal-env.js";
import { renderProblem } from "./render.js";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "./session-cookie.js";

const HOUR_MS = 3_600_000;

/** Sign-in exchanges a pasted API token for a session cookie; sign-out ends the session in the store. */
export function signInRoutes(
  app: Hono<PortalEnv>,
  deps: { sessionHours: number; formLimit: MiddlewareHandler<PortalEnv> },
) {
  app.get("/sign-in", async (c) => {
    if (await sessionUser(c.var.ctx, readSessionCookie(c))) return c.redirect(safeNext(c.req.query("next")), 303);
    return signInPage(c, { next: safeNext(c.req.query("next")), signedOut: c.req.query("signed-out") === "1" });
  });
  app.post("/sign-in", deps.formLimit, sameSiteForm, async (c) => {
    const form = await readForm(c);
    const next = safeNext(form.next);
    try {
      const token = typeof form.token === "string" ? form.token : "";
      const { secret, session } = await startSession(c.var.ctx, token, deps.sessionHours * HOUR_MS);
      // Signing in again from a browser that holds a session ends that one: one browser, one session.
      await endSession(c.var.ctx, readSessionCookie(c));
      writeSessionCookie(c, secret, session.expiresAt);
      return c.redirect(next, 303);
    } catch (error) {
      // The token is a secret: it is not typed back into the page.
      return signInPage(c, { next, state: refusal("sign-in", error, { next }) });
    }
  });
  app.post("/sign-out", deps.formLimit, sameSiteForm, async (c) => {
    const secret = readSessionCookie(c);
    const form = await readForm(c);
    if (secret && (await sessionUser(c.var.ctx, secret)) && !csrfTokenMatches(secret, form[CSRF_FIELD])) {
      return renderProblem(c, {
        status: 403,
        title: "Refused",
        message: "This sign-out was not sent from this portal. Reload the page and sign out from there.",
      });
    }
    await endSession(c.var.ctx, secret);
    clearSessionCookie(c);
    return c.redirect("/sign-in?signed-out=1", 303);
  });
}
