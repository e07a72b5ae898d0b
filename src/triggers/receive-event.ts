import { sha256Of } from "../domain/canonical-json.js";
import type { Ctx } from "../domain/ctx.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import type { EventOrigin, StartedRun, WorkflowEvent } from "../domain/workflow-event.js";
import { requireRole } from "../services/access.js";
import { instantiateBundle } from "../services/instantiate-bundle.js";
import { parseInput } from "../services/parse-input.js";
import { EventInput } from "./event-input.js";
import { planTriggeredRuns } from "./plan-triggered-runs.js";

export type ReceivedEvent = { event: WorkflowEvent; replayed: boolean };

/** The idempotency key of the bundle an event starts for one workflow: once per (event, workflow). */
export const eventKey = (eventId: string, workflowId: string) => `event:${eventId}:${workflowId}`;

/**
 * Receives an event: matches it against every published workflow's triggers, starts the runs it
 * matches, and stores it with those runs. Its ID is the idempotency key: the same event again
 * answers with the runs it started the first time; the same ID with other content is a conflict.
 * A transformed input that fails its workflow's inputSchema refuses the whole event (400 with the
 * issues) and nothing is written. Bundles are started first, each under a key derived from the
 * event, then the event is stored: a crash between the two is repaired by sending the event again.
 */
export async function receiveEvent(
  ctx: Ctx,
  raw: unknown,
  origin: EventOrigin,
  emittedBy?: string,
): Promise<ReceivedEvent> {
  if (ctx.actor) requireRole(ctx, "operator");
  const input = parseInput(EventInput, raw);
  const contentHash = sha256Of({ type: input.type, source: input.source, time: input.time ?? null, data: input.data });
  const earlier = await replay(ctx, input.id, contentHash);
  if (earlier) return earlier;

  const now = ctx.clock.now();
  const time = input.time ? new Date(input.time).toISOString() : now;
  const plan = await planTriggeredRuns(ctx, { ...input, time });
  if (plan.issues.length > 0) {
    const listed = plan.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ValidationError(`event ${input.id} would start a run with input its workflow refuses: ${listed}`, {
      issues: plan.issues,
    });
  }
  const triggerType = origin === "webhook" ? "webhook" : "event";
  const runs: StartedRun[] = [];
  for (const { version, input: bundleInput } of plan.runs) {
    const { bundle } = await instantiateBundle(ctx, bundleInput, eventKey(input.id, version.workflowId), {
      triggerType,
      triggerEventId: input.id,
    });
    runs.push({
      bundleId: bundle.bundleId,
      workflowId: version.workflowId,
      workflowVersionId: version.workflowVersionId,
    });
  }
  const event: WorkflowEvent = {
    eventId: input.id,
    type: input.type,
    source: input.source,
    time,
    data: input.data,
    origin,
    receivedBy: ctx.actor?.userId,
    emittedBy,
    contentHash,
    runs,
    createdAt: now,
  };
  try {
    return { event: await ctx.repo.events.create(event), replayed: false };
  } catch (error) {
    // The same event raced itself: the bundles were shared through their keys; answer as a replay.
    const raced = error instanceof ConflictError && (await replay(ctx, input.id, contentHash));
    if (raced) return raced;
    throw error;
  }
}

async function replay(ctx: Ctx, eventId: string, contentHash: string): Promise<ReceivedEvent | undefined> {
  const stored = await ctx.repo.events.get(eventId);
  if (!stored) return undefined;
  if (stored.contentHash !== contentHash)
    throw new ConflictError(`event ${eventId} was already received with different content`, { eventId });
  return { event: stored, replayed: true };
}
