import { Worker } from "node:worker_threads";
import type { RenderReply, RenderRequest } from "./line-render-worker.js";
import { type RenderedLines, type RowRecipe, renderRows } from "./row-recipe.js";

const ENTRY = new URL("./line-render-worker.ts", import.meta.url);

/**
 * The service and its commands run from source through tsx; a worker thread does not inherit tsx's
 * loader on Node 20, so the new thread registers it before it loads its entry.
 */
function startFromSource(): Worker {
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const entry = JSON.stringify(ENTRY.href);
  return new Worker(`import(${tsx}).then((api) => { api.register(); return import(${entry}); })`, { eval: true });
}

/**
 * Pages rendered on the caller's thread before the worker starts. Starting it costs about a third of
 * a second of CPU (tsx's loader and the renderer's three files), which competes with the database;
 * only an export larger than this many pages repays it.
 */
const PAGES_BEFORE_THREAD = 8;

type Waiting = { resolve(lines: RenderedLines): void; reject(error: Error): void };
/** One started thread: whether it has loaded, and the pages it owes. */
type Running = { worker: Worker; ready: boolean; up: Promise<void>; waiting: Map<number, Waiting> };

/**
 * Renders pages of row literals into export lines on one worker thread, so an export's main thread
 * is free to read the next page meanwhile. Pages render on the caller's thread until the export has
 * shown itself large (`PAGES_BEFORE_THREAD`) and then until the thread has loaded, so a small export
 * never waits for it. A thread that cannot start, or stops before it has loaded (a bundle without
 * tsx, say), is not tried again: pages go on rendering in place, the same lines more slowly. The
 * thread holds the process open only while it renders; `close` stops it.
 */
export class LineRenderThread {
  #running: Running | undefined;
  #unavailable = false;
  #nextId = 0;
  #pagesHere = 0;

  constructor(private readonly startWorker: () => Worker = startFromSource) {}

  async render(recipe: RowRecipe, literals: string, separator: string): Promise<RenderedLines> {
    const running =
      this.#running ?? (!this.#unavailable && ++this.#pagesHere > PAGES_BEFORE_THREAD ? this.#start() : undefined);
    if (!running?.ready) return renderRows(recipe, literals, separator);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      running.waiting.set(id, { resolve, reject });
      running.worker.ref();
      running.worker.postMessage({ id, recipe, literals, separator } satisfies RenderRequest);
    });
  }

  /** Starts the thread if it is not running; settles once it renders pages (or failed to start). */
  ready(): Promise<void> {
    if (this.#unavailable) return Promise.resolve();
    return (this.#running ?? this.#start())?.up ?? Promise.resolve();
  }

  /** Whether pages now render on the worker rather than on the caller's thread. */
  get offThread(): boolean {
    return this.#running?.ready ?? false;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    await running?.worker.terminate();
  }

  #start(): Running | undefined {
    let worker: Worker;
    try {
      worker = this.startWorker();
    } catch (error) {
      this.#giveUp(error);
      return undefined;
    }
    worker.unref();
    let up: () => void = () => undefined;
    const running: Running = { worker, ready: false, up: new Promise((resolve) => (up = resolve)), waiting: new Map() };
    worker.on("message", (reply: RenderReply) => {
      if ("ready" in reply) {
        running.ready = true;
        return up();
      }
      const waiting = running.waiting.get(reply.id);
      running.waiting.delete(reply.id);
      if (running.waiting.size === 0) worker.unref();
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve({ text: reply.text, count: reply.count, lastId: reply.lastId });
    });
    // A thread that dies takes its pages with it: they fail, and the next page starts a new thread.
    const fail = (error: Error) => {
      up();
      if (!running.ready && this.#running === running) this.#giveUp(error);
      if (this.#running === running) this.#running = undefined;
      for (const waiting of running.waiting.values()) waiting.reject(error);
      running.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the export render thread stopped (exit code ${code})`)));
    this.#running = running;
    return running;
  }

  #giveUp(error: unknown): void {
    this.#unavailable = true;
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`export render thread unavailable (${reason}); rendering on the main thread`);
  }
}
