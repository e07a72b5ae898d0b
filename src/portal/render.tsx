import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FormState } from "./form-state.js";
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
  approve: "Artifact approved.",
  reject: "Artifact rejected.",
  dismissed: "Reminder dismissed.",
};

/** Form fields that carry no typing of the person's own. */
const BOOKKEEPING = new Set(["expectedVersion", "name", "slot", "next"]);

/**
 * A refusal whose form is not on the page any more (the task moved on meanwhile): said at the top,
 * with what was typed, so nothing is lost.
 */
function Unplaced(props: { state: FormState }) {
  const typed = Object.entries(props.state.values).filter(([k, v]) => !BOOKKEEPING.has(k) && v.trim() !== "");
  return (
    <div class="error" role="alert">
      <strong>{props.state.message}</strong>
      {typed.length ? (
        <>
          <p>What you typed was not saved:</p>
          <dl class="facts">
            {typed.map(([field, value]) => (
              <>
                <dt>{field}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}

type PageParts = {
  title: string;
  viewer?: Viewer;
  section?: Section;
  status?: ContentfulStatusCode;
  /** The refusal this page shows, beside its form (or at the top when the form is gone). */
  state?: FormState;
  body: Child;
};

/** Renders a page inside the layout as a complete HTML document. */
export async function renderPage(c: Context, page: PageParts) {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.header(name, value);
  const status = page.state?.status ?? page.status ?? 200;
  const key = c.req.query("notice") ?? "";
  const notice = status < 400 && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
  const document = (unplaced?: FormState) => (
    <Layout title={page.title} viewer={page.viewer} section={page.section}>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {unplaced ? <Unplaced state={unplaced} /> : null}
      {page.body}
    </Layout>
  );
  let text = await document().toString();
  if (page.state && !text.includes(`id="${page.state.form}-error"`)) text = await document(page.state).toString();
  return c.html(`<!DOCTYPE html>${text}`, status);
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
