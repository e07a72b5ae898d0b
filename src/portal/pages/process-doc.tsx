import type { Context } from "hono";
import { readProcessDoc } from "../../services/process-docs.js";
import type { PortalEnv } from "../portal-env.js";
import { renderPage } from "../render.js";

/** A process doc from the doc registry: its steps (the anchors tasks link to) and its text as written in Git. */
export async function processDocPage(c: Context<PortalEnv>) {
  const { doc, text } = await readProcessDoc(c.var.ctx, c.req.param("docId") ?? "");
  return renderPage(c, {
    title: doc.title,
    viewer: c.var.viewer,
    body: (
      <>
        <h1>{doc.title}</h1>
        <p class="muted">
          In Git at <code>{doc.path}</code>
        </p>
        {doc.steps.length ? (
          <>
            <h2>Steps</h2>
            <ol>
              {doc.steps.map((s) => (
                <li id={`step-${s.id}`}>{s.title}</li>
              ))}
            </ol>
          </>
        ) : null}
        <h2>The document</h2>
        {text === undefined ? <p>The file could not be read here.</p> : <pre>{text}</pre>}
      </>
    ),
  });
}
