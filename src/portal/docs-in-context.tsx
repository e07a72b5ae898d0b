import type { DocRegistry } from "../content/doc-registry.js";

export const docPath = (docId: string, stepId?: string) =>
  `/process-docs/${encodeURIComponent(docId)}${stepId ? `#step-${encodeURIComponent(stepId)}` : ""}`;

/** Process docs named by a task or workflow, resolved through the doc registry to their titles and steps. */
export function DocLinks(props: {
  docs: DocRegistry;
  docIds: string[];
  instruction?: { docId: string; stepId?: string };
}) {
  const ids = [...new Set([...(props.instruction ? [props.instruction.docId] : []), ...props.docIds])];
  if (ids.length === 0) return null;
  return (
    <ul class="docs">
      {ids.map((id) => {
        const doc = props.docs.get(id);
        if (!doc) return <li>Process doc '{id}' is not in the doc registry</li>;
        const stepId = props.instruction?.docId === id ? props.instruction.stepId : undefined;
        const step = stepId ? doc.steps.find((s) => s.id === stepId) : undefined;
        return (
          <li>
            <a href={docPath(id, step?.id)}>{step ? `${doc.title}: ${step.title}` : doc.title}</a>
          </li>
        );
      })}
    </ul>
  );
}
