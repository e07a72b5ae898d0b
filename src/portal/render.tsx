import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { Layout, type Section } from "./layout.js";
import type { Viewer } from "./portal-env.js";

/**
 * Pages show one person's data and accept only our own scripts and styles (there are none inline):
 * no caching, no framing, nothing loaded from elsewhere, forms posting only here.
 */
const PAGE_HEADERS: Record<string, string> = {
  "Cache-Control": "no-store",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/** What a successful form post redirects with (`?notice=`): fixed words, never text from the URL. */
const NOTICES: Record<string, string> = {
  complete: "Task completed.",
  "resolve-done": "Task finished.",
  "mark-waiting": "Task is now waiting.",
  "follow-up-sent": "Follow-up recorded.",
  "response-received": "Response recorded; the task is back to do.",
  reopen: "Task reopened.",
  link: "Link saved.",
  registered: "Link registered; it waits for review.",
  uploaded: "File uploaded; it waits for review.",
  approved: "Artifact approved.",
  rejected: "Artifact rejected.",
  dismissed: "Reminder dismissed.",
};

/** Renders a page inside the layout as a complete HTML document. */
export function renderPage(
  c: Context,
  page: { title: string; viewer?: Viewer; section?: Section; status?: ContentfulStatusCode; body: Child },
) {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  const notice = page.status && page.status >= 400 ? undefined : NOTICES[c.req.query("notice") ?? ""];
  const document = (
    <Layout title={page.title} viewer={page.viewer} section={page.section}>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {page.body}
    </Layout>
  );
  return c.html(html`<!DOCTYPE html>${document}`, page.status ?? 200);
}

/** A page that only says what went wrong and where to go from here. */
export function renderProblem(
  c: Context,
  problem: { status: ContentfulStatusCode; title: string; message: string; viewer?: Viewer },
) {
  return renderPage(c, {
    title: problem.title,
    viewer: problem.viewer,
    status: problem.status,
    body: (
      <>
        <h1>{problem.title}</h1>
        <p role="alert">{problem.message}</p>
        <p>
          <a href={problem.viewer ? "/" : "/sign-in"}>{problem.viewer ? "Back to today" : "Sign in"}</a>
        </p>
      </>
    ),
  });
}
