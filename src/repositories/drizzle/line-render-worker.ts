import { parentPort } from "node:worker_threads";
import type { PortableEntity } from "../../domain/export-names.js";
import { planOf } from "./portable-rows.js";

/** One page of row literals to render, as `portableRowPlan` reads them. */
export type RenderRequest = { id: number; entity: PortableEntity; literals: string; separator: string };
export type RenderReply =
  | { id: number; text: string; count: number; lastId: string }
  | { id: number; error: string }
  | { ready: true };

/**
 * The export's render thread: turns pages of row literals into export lines while the main thread
 * reads the next page. A page that cannot be rendered is answered with its error, never dropped.
 */
parentPort?.on("message", ({ id, entity, literals, separator }: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id, ...planOf(entity).render(literals, separator) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies RenderReply);
