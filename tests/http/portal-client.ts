import { expect } from "vitest";
import type { Caller, Harness } from "./harness.js";

/** A signed-in portal visitor over `app.request`: their cookie, their CSRF token, and form posts with both. */
export type PortalClient = {
  cookie: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
};

const ORIGIN = "http://localhost";

/** The session cookie (`name=value`) a Set-Cookie header sets. */
export const sessionCookieOf = (res: Response) => /we_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")?.[0];

/** Posts a form as a browser on our own origin does. */
export function postForm(
  h: Harness,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, host: "localhost", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs `caller` in through the sign-in form and reads the CSRF token from the page it lands on. */
export async function signIn(h: Harness, who: Caller | { token: string }): Promise<PortalClient> {
  const token = typeof who === "string" ? h.tokens[who] : who.token;
  const res = await postForm(h, "/sign-in", { token, next: "/workflows" });
  expect(res.status).toBe(303);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error("signing in set no session cookie");
  const get = (path: string, headers: Record<string, string> = {}) =>
    Promise.resolve(h.app.request(path, { headers: { cookie, host: "localhost", ...headers } }));
  const page = await (await get("/workflows")).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error("the page carries no CSRF token");
  return {
    cookie,
    csrf,
    get,
    post: (path, fields, headers = {}) =>
      Promise.resolve(postForm(h, path, { _csrf: csrf, ...fields }, { cookie, ...headers })),
  };
}

/** A bundle of the newsletter-issue workflow (its write-draft task needs the Draft link) and its tasks. */
export type Started = { bundleId: string; tasks: { taskId: string; version: number; templateTaskRef?: string }[] };

export async function startNewsletter(h: Harness, title: string): Promise<Started> {
  const created = await h.call("POST", "/api/bundles", {
    body: { workflowId: "newsletter-issue", title, anchorDate: "2026-03-09" },
  });
  expect(created.status).toBe(201);
  return { bundleId: created.body.bundle.bundleId, tasks: created.body.tasks };
}

export function taskNamed(started: Started, ref: string) {
  const task = started.tasks.find((t) => t.templateTaskRef === ref);
  if (!task) throw new Error(`no task ${ref}`);
  return task;
}
