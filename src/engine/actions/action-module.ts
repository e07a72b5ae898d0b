import type { z } from "zod";
import type { Bundle } from "../../domain/bundle.js";
import type { Ctx } from "../../domain/ctx.js";
import type { Timestamp } from "../../domain/dates.js";
import type { WorkflowDefinition } from "../../domain/workflow-definition.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import type { Repository } from "../../repositories/repository.js";
import type { ActionResult } from "../run-view.js";

/** What an action gets for one delivery of one attempt. */
export type ActionContext<C> = {
  config: C;
  /** The same for every delivery of one attempt: hand it to anything outside that dedupes. */
  idempotencyKey: string;
  now: Timestamp;
  /** The step's input: the previous step's output (the run input for the first step). */
  data: Record<string, unknown>;
  /** What conditions see: data, input, steps, variables, bundle. */
  scope: Record<string, unknown>;
  bundle: Bundle;
  version: WorkflowVersion;
  /** Read-only use: checking that what a config names exists. */
  repo: Repository;
  /** The same ID for the same seed in this run: how an action's records are made at most once. */
  derivedId(kind: "task" | "notification" | "assistantJob", seed: string): string;
  /** When this attempt started: what an action that waits measures its own timeout from. */
  startedAt: Timestamp;
  /** Aborted when the step's timeout passes. */
  signal: AbortSignal;
  /**
   * The worker's context, for actions that reach outside (`inline: false`): its settings
   * (`ctx.engine`), the services they call. Inline actions must not write through it.
   */
  ctx: Ctx;
};

/**
 * One action type: a zod config (checked by content:check and again before each run), a description
 * for docs/workflow-actions.md, and a run function. `inline` actions only write records of this
 * store (through the result, in the transition's own atomic write), so a request may run them.
 */
export type ActionModule<C = unknown> = {
  type: string;
  description: string;
  config: z.ZodType<C>;
  example: C;
  inline: boolean;
  /**
   * An action that waits on something outside (an event, a person's approval) answers `waiting` with
   * when to look again; when that time comes the attempt is run again (same idempotency key) instead
   * of completing with its input as a `delay` does.
   */
  recheck?: boolean;
  /** Problems with a config that depend on the workflow (a stage it does not have). */
  checkAgainst?(config: C, definition: WorkflowDefinition): string[];
  run(ctx: ActionContext<C>): Promise<ActionResult>;
};

export function defineAction<C>(module: ActionModule<C>): ActionModule<C> {
  return module;
}
