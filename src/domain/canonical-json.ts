import { createHash } from "node:crypto";

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** Text already rendered, waiting on the stack between values still to render. */
class Text {
  constructor(readonly text: string) {}
}

/**
 * JSON with keys sorted at every level and undefined left out: equal data, equal text. Rendered with
 * an explicit stack (a manifest read from disk may nest however deep), to the same text as a
 * recursive rendering; stored hashes (workflow content, bundle requests) depend on that.
 */
export function canonicalJson(value: unknown): string {
  let out = "";
  // Opening brackets are written at once; what follows a container waits on the stack, last part first.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof Text) out += next.text;
    else if (Array.isArray(next)) {
      out += "[";
      pending.push(new Text("]"));
      for (let i = next.length - 1; i >= 0; i--) {
        pending.push(next[i]);
        if (i > 0) pending.push(new Text(","));
      }
    } else if (next && typeof next === "object") {
      const entries = Object.entries(next as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(byKey);
      out += "{";
      pending.push(new Text("}"));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        pending.push(item, new Text(`${i > 0 ? "," : ""}${JSON.stringify(key)}:`));
      }
    } else out += JSON.stringify(next) ?? "";
  }
  return out;
}

export function sha256Of(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;
}
