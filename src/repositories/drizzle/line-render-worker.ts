import { parentPort } from "node:worker_threads";
import { type RowRecipe, renderRows } from "./row-recipe.js";

/** One page of row literals to render, with the recipe of its entity. */
export type RenderRequest = { id: number; recipe: RowRecipe; literals: string; separator: string };
export type RenderReply =
  | { id: number; text: string; count: number; lastId: string }
  | { id: number; error: string }
  | { ready: true };

/**
 * The export's render thread: turns pages of row literals into export lines while the main thread
 * reads the next page. A page that cannot be rendered is answered with its error, never dropped.
 */
parentPort?.on("message", ({ id, recipe, literals, separator }: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id, ...renderRows(recipe, literals, separator) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies RenderReply);
