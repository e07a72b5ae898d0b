const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

type Container = unknown[] | Record<string, unknown>;
const emptyLike = (value: object): Container => (Array.isArray(value) ? [] : {});

/** Adds the next member in order; `__proto__` as an own key, which plain assignment would take as the prototype. */
function put(target: Container, key: string | number, value: unknown) {
  if (Array.isArray(target)) target.push(value);
  else if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
}

/**
 * Nested objects with their keys sorted: Postgres jsonb reorders keys, and exports must not differ by
 * backend. Copies with an explicit stack, so stored data nested however deep cannot overflow the call stack.
 */
export function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const root = emptyLike(value);
  const pending: [object, Container][] = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, target] = next;
    const entries: [string | number, unknown][] = Array.isArray(source)
      ? source.map((item, i) => [i, item])
      : Object.entries(source).sort(byKey);
    for (const [key, item] of entries) {
      if (item === null || typeof item !== "object") put(target, key, item);
      else {
        const copy = emptyLike(item);
        put(target, key, copy);
        pending.push([item, copy]);
      }
    }
  }
  return root;
}
