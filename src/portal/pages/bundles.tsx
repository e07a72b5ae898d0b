import type { Context } from "hono";
import { BUNDLE_STATUSES, type Bundle } from "../../domain/bundle.js";
import { listBundles } from "../../services/bundle-queries.js";
import { Badge, bundlePath } from "../display.js";
import type { PortalEnv } from "../portal-env.js";
import { renderPage } from "../render.js";

const PAGE_SIZE = 100;

/** Progress as people say it: "3 of 12 tasks done". */
export const progressText = (b: Bundle) => `${b.taskCount - b.openTaskCount} of ${b.taskCount} tasks done`;

export function Progress(props: { bundle: Bundle }) {
  const done = props.bundle.taskCount - props.bundle.openTaskCount;
  return (
    <span class="row">
      <progress max={Math.max(props.bundle.taskCount, 1)} value={done} aria-hidden="true" />
      <span>{progressText(props.bundle)}</span>
    </span>
  );
}

/** Bundles of one status (active by default), grouped by stage; the query is the filter, so it can be bookmarked. */
export async function bundlesPage(c: Context<PortalEnv>) {
  const status = (BUNDLE_STATUSES as readonly string[]).includes(c.req.query("status") ?? "")
    ? (c.req.query("status") as Bundle["status"])
    : "active";
  const cursor = c.req.query("cursor");
  const page = await listBundles(c.var.ctx, { status, limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
  const stages = new Map<string, Bundle[]>();
  for (const bundle of page.items) stages.set(bundle.stage, [...(stages.get(bundle.stage) ?? []), bundle]);
  return renderPage(c, {
    title: "Bundles",
    viewer: c.var.viewer,
    section: "/bundles",
    body: (
      <>
        <h1>Bundles</h1>
        <form method="get" action="/bundles" class="inline" aria-label="Filter bundles">
          <div class="field">
            <label for="status">Status</label>
            <select id="status" name="status">
              {BUNDLE_STATUSES.map((s) => (
                <option value={s} selected={s === status}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Show</button>
        </form>
        {page.items.length === 0 ? <p>No {status} bundles.</p> : null}
        {[...stages].map(([stage, bundles], i) => (
          <section aria-labelledby={`stage-${i}`}>
            <h2 id={`stage-${i}`}>
              Stage: {stage} ({bundles.length})
            </h2>
            <ul class="cards">
              {bundles.map((b) => (
                <li>
                  <div class="row">
                    <a href={bundlePath(b.bundleId)}>{b.title}</a>
                    <Badge status={b.status} />
                    {b.runStatus ? <Badge status={b.runStatus} label={`run ${b.runStatus}`} /> : null}
                  </div>
                  <div class="row muted">
                    <span>{b.workflowId ?? "ad hoc"}</span>
                    <span>Anchor {b.anchorDate}</span>
                    <Progress bundle={b} />
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {page.nextCursor ? (
          <p>
            <a href={`/bundles?status=${status}&cursor=${encodeURIComponent(page.nextCursor)}`}>More bundles</a>
          </p>
        ) : null}
      </>
    ),
  });
}
