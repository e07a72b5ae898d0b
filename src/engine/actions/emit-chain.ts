import type { Bundle } from "../../domain/bundle.js";
import type { Ctx } from "../../domain/ctx.js";

/** How many runs in a row may start each other through `event.emit` before the next emit fails. */
export const MAX_EMIT_CHAIN = 5;

/**
 * How many emitted events led to this run: it was started by an event a run emitted, which was
 * started by another, and so on. A workflow that triggers itself stops after MAX_EMIT_CHAIN runs.
 */
export async function emitChainDepth(ctx: Ctx, bundle: Bundle): Promise<number> {
  let depth = 0;
  let current: Bundle | undefined = bundle;
  while (current?.triggerEventId && depth < MAX_EMIT_CHAIN) {
    const event = await ctx.repo.events.get(current.triggerEventId);
    if (!event?.emittedBy) break;
    depth += 1;
    current = await ctx.repo.bundles.get(event.emittedBy);
  }
  return depth;
}
