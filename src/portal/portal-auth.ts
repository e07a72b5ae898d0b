import { createMiddleware } from "hono/factory";
import { isCleanText } from "../domain/clean-text.js";
import { sessionUser } from "../services/sessions.js";
import { CSRF_FIELD, crossSite, csrfTokenFor, csrfTokenMatches } from "./csrf.js";
import { readForm } from "./form-input.js";
import { can, PORTAL_ACTIONS, type PortalAction } from "./portal-actions.js";
import type { PortalEnv } from "./portal-env.js";
import { renderProblem } from "./render.js";
import { clearSessionCookie, readSessionCookie } from "./session-cookie.js";

/** As the API's path IDs: no stored ID or filter value is longer. */
const PARAM_MAX = 200;
/** As the API's query values (a cursor is the longest). */
const QUERY_MAX = 2000;

/** Where a signed-out visitor goes, coming back to `path` afterwards. */
export const signInPath = (path: string) => `/sign-in?next=${encodeURIComponent(path)}`;

/**
 * Only our own paths are followed after sign-in: a `/` path of printable URL characters. Never another
 * host (`//x`, `/\\x`), and no whitespace or control character, which browsers drop (`/\t/x` is `//x`).
 */
export const safeNext = (next: unknown) =>
  typeof next === "string" && /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(next) ? next : "/";

/**
 * The session behind the cookie, checked on every request: its user becomes the services' actor.
 * Without one a page sends the visitor to sign in; a form post is refused, changing nothing.
 */
export const signedIn = createMiddleware<PortalEnv>(async (c, next) => {
  const ids = Object.values(c.req.param() as Record<string, string>);
  const query = Object.values(c.req.query());
  const fits = (max: number) => (v: string) => v.length <= max && isCleanText(v);
  if (!ids.every(fits(PARAM_MAX)) || !query.every(fits(QUERY_MAX))) {
    return renderProblem(c, {
      status: 400,
      title: "Not understood",
      message: "This address holds an ID or value no record can have (too long, or holding NUL).",
    });
  }
  const secret = readSessionCookie(c);
  const live = await sessionUser(c.var.ctx, secret);
  if (!live || !secret) {
    if (secret) clearSessionCookie(c);
    const url = new URL(c.req.url);
    if (c.req.method === "GET") return c.redirect(signInPath(url.pathname + url.search), 303);
    return renderProblem(c, {
      status: 401,
      title: "Signed out",
      message: "You are not signed in (or your session has ended), so nothing was changed. Sign in and try again.",
    });
  }
  c.set("ctx", { ...c.var.ctx, actor: live.user });
  c.set("viewer", { user: live.user, csrf: csrfTokenFor(secret) });
  await next();
});

/** Refuses a form posted from another site, whatever it carries. */
export const sameSiteForm = createMiddleware<PortalEnv>(async (c, next) => {
  if (crossSite(c)) {
    return renderProblem(c, {
      status: 403,
      title: "Refused",
      message: "This form was sent from another site, so it was refused and nothing was changed.",
    });
  }
  await next();
});

/** A signed-in form post must carry the session's CSRF token and the role its action needs. */
export const formAllowed = (action: PortalAction) =>
  createMiddleware<PortalEnv>(async (c, next) => {
    const viewer = c.var.viewer;
    const form = await readForm(c);
    if (!csrfTokenMatches(readSessionCookie(c) ?? "", form[CSRF_FIELD])) {
      return renderProblem(c, {
        status: 403,
        viewer,
        title: "Refused",
        message: "This form is out of date or was not sent from this portal. Reload the page and try again.",
      });
    }
    if (!can(viewer, action)) {
      return renderProblem(c, {
        status: 403,
        viewer,
        title: "Not allowed",
        message: `This needs the ${PORTAL_ACTIONS[action]} role; you are ${viewer.user.role}. Nothing was changed.`,
      });
    }
    await next();
  });
