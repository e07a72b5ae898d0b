/**
 * `target` with some properties replaced: how both drivers' clients are handed to Drizzle with their
 * own `query` (pg-client.ts, pglite-client.ts). Everything else is the target's, methods bound to it.
 */
export function withOverrides<C extends object>(target: C, overrides: Record<string, unknown>): C {
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === "string" && property in overrides) return overrides[property];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
