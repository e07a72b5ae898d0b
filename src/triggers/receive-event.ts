import { sha256Of } from "../domain/canonical-json.js";
import { holdsUncleanText, UNCLEAN_TEXT } from "../domain/clean-text.js";
import type { Ctx } from "../domain/ctx.js";
import { ConflictError, DomainError, ValidationError } from "../domain/errors.js";
import type { EventOrigin, StartedRun, WorkflowEvent } from "../domain/workflow-event.js";
import { requireRole } from "../services/access.js";
import { commitBundle, type PreparedBundle, prepareBundle } from "../services/instantiate-bundle.js";
import { parseInput } from "../services/parse-input.js";
import { EventInput } from "./event-input.js";
import { planTriggeredRuns } from "./plan-triggered-runs.js";

export type ReceivedEvent = { event: WorkflowEvent; replayed: boolean };

/** IDs the system gives the events it makes (`event.emit`, webhooks); senders may not use them. */
export const INTERNAL_ID_PREFIXES = ["run-", "webhook-"] as const;

/** The idempotency key of the bundle an event starts for one workflow: once per (event, workflow). */
export const eventKey = (eventId: string, workflowId: string) => `event:${eventId}:${workflowId}`;

/**
 * Receives an event: matches it against every published workflow's triggers, starts the runs it
 * matches, and stores it with those runs. Its ID is the idempotency key: the same event again
 * answers with the runs it started the first time; the same ID with other content is a conflict.
 * A transformed input that fails its workflow's inputSchema, or a bundle a workflow would refuse (a
 * missing assignee), refuses the whole event (400 with the issues) and nothing is written: every
 * bundle is checked before any is. Bundles are then written, each under a key derived from the event,
 * then the event: a crash in between is repaired by sending the event again.
 */
export async function receiveEvent(
  ctx: Ctx,
  raw: unknown,
  origin: EventOrigin,
  emittedBy?: string,
): Promise<ReceivedEvent> {
  if (ctx.actor) requireRole(ctx, "operator");
  const input = parseInput(EventInput, raw);
  // Checked before anything is started: a run must never exist for an event that is then refused.
  if (holdsUncleanText(input)) throw new ValidationError(UNCLEAN_TEXT.message, { issues: [UNCLEAN_TEXT.issue] });
  if (origin === "api" && INTERNAL_ID_PREFIXES.some((prefix) => input.id.startsWith(prefix)))
    throw new ValidationError(`event IDs starting with ${INTERNAL_ID_PREFIXES.join(" or ")} are the system's`, {
      issues: [{ path: "id", message: "reserved prefix" }],
    });
  const sentAt = input.time ? new Date(input.time).toISOString() : undefined;
  const contentHash = sha256Of({ type: input.type, source: input.source, time: sentAt ?? null, data: input.data });
  const earlier = await replay(ctx, input.id, contentHash);
  if (earlier) return earlier;

  const now = ctx.clock.now();
  const time = sentAt ?? now;
  const plan = await planTriggeredRuns(ctx, { ...input, time });
  const triggerType = origin === "webhook" ? "webhook" : "event";
  // Every bundle is checked and built before any is written: one workflow's refusal starts none.
  const prepared: { workflowId: string; workflowVersionId: string; bundle: PreparedBundle }[] = [];
  const issues = [...plan.issues];
  for (const { version, input: bundleInput } of plan.runs) {
    try {
      const bundle = await prepareBundle(ctx, bundleInput, eventKey(input.id, version.workflowId), {
        triggerType,
        triggerEventId: input.id,
      });
      prepared.push({ workflowId: version.workflowId, workflowVersionId: version.workflowVersionId, bundle });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      issues.push({ path: version.workflowId, message: error.message });
    }
  }
  if (issues.length > 0) {
    const listed = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    throw new ValidationError(`event ${input.id} would start a run its workflow refuses: ${listed}`, { issues });
  }
  const runs: StartedRun[] = [];
  for (const { workflowId, workflowVersionId, bundle } of prepared) {
    const { bundle: started } = await commitBundle(ctx, bundle);
    runs.push({ bundleId: started.bundleId, workflowId, workflowVersionId });
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
