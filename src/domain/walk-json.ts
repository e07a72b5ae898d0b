/** Where a visited value sits: its key in its parent (undefined for the root) and its depth. */
export type JsonNode = {
  value: unknown;
  key: string | number | undefined;
  /** Containers around this value: 0 for the root, 1 for the root's members, ... */
  depth: number;
  /** The keys from the root to here; built only when asked for (most nodes never need it). */
  path(): (string | number)[];
};

type Frame = { value: unknown; key: string | number | undefined; depth: number; parent: Frame | undefined };

function pathOf(frame: Frame): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at: Frame | undefined = frame; at && at.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/**
 * Visits every value inside `root`, parents before children, in key order, with an explicit stack: a
 * value nested thousands deep (request bodies and stored data are not trusted) cannot overflow the
 * call stack. `visit` returns `"stop"` to end the walk, `"skip"` to leave the node's children out.
 */
export function walkJson(root: unknown, visit: (node: JsonNode) => "stop" | "skip" | undefined): void {
  const stack: Frame[] = [{ value: root, key: undefined, depth: 0, parent: undefined }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const at = frame;
    const answer = visit({ value: at.value, key: at.key, depth: at.depth, path: () => pathOf(at) });
    if (answer === "stop") return;
    if (answer === "skip" || at.value === null || typeof at.value !== "object") continue;
    const entries: [string | number, unknown][] = Array.isArray(at.value)
      ? at.value.map((item, i) => [i, item])
      : Object.entries(at.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, value] = entries[i] as [string | number, unknown];
      stack.push({ value, key, depth: at.depth + 1, parent: at });
    }
  }
}
