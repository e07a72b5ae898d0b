import { z } from "zod";
import { CelExpression, evaluateCel } from "../../domain/cel-expression.js";
import { addMs, Duration, durationMs } from "../../domain/duration.js";
import { EventPattern } from "../../domain/event-pattern.js";
import type { WorkflowEvent } from "../../domain/workflow-event.js";
import { patternMatches } from "../../triggers/event-pattern-match.js";
import { defineAction } from "./action-module.js";

const exactType = (pattern: EventPattern) => (typeof pattern === "string" ? pattern : pattern.type);

export const eventWait = defineAction({
  type: "event.wait",
  description:
    "Waits for an event received after the step started that matches `eventPattern` (an exact event type, " +
    "or `{type, data}` with EventBridge-style data filters) and, when given, the CEL `match` (over `event` " +
    "and data, input, steps, variables, bundle; e.g. `event.data.orderId == input.orderId`). It looks every " +
    "`pollEvery` (default PT30S, at least PT5S); an event the `match` cannot be evaluated on does not match. " +
    "Without a match by `timeout` (required) or the step's own timeout it fails with `TimeoutError`. Output: `{event: {id, type, source, time, data}}`.",
  config: z
    .strictObject({
      eventPattern: EventPattern,
      match: CelExpression.optional(),
      /** Required: a wait without an end would look forever. */
      timeout: Duration,
      pollEvery: Duration.default("PT30S"),
    })
    .refine((c) => !exactType(c.eventPattern).includes("*"), {
      message: "event.wait needs an exact event type (no *)",
      path: ["eventPattern"],
    })
    .refine((c) => (durationMs(c.pollEvery) ?? 0) >= 5000, { message: "at least PT5S", path: ["pollEvery"] }),
  example: {
    eventPattern: "podcast.recording.uploaded",
    match: "event.data.episode == input.episode",
    timeout: "P2D",
    pollEvery: "PT30S",
  },
  inline: false,
  recheck: true,
  async run({ config, startedAt, now, scope, ctx }) {
    // Every event of the type since the step started, each look: a late worker misses nothing.
    let cursor: string | undefined;
    do {
      const page = await ctx.repo.events.listByType(exactType(config.eventPattern), startedAt, {
        limit: 100,
        cursor,
      });
      for (const event of page.items) {
        if (!patternMatches(config.eventPattern, event)) continue;
        const view = eventView(event);
        // An event `match` cannot be evaluated on (a field it lacks) is not the one awaited.
        if (config.match && !matches(config.match, { ...scope, event: view })) continue;
        return { status: "completed", output: { event: view } };
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const deadline = addMs(startedAt, durationMs(config.timeout) ?? 0);
    if (deadline <= now)
      return { status: "failed", error: { type: "TimeoutError", message: `no matching event by ${deadline}` } };
    const next = addMs(now, durationMs(config.pollEvery) ?? 30_000);
    return { status: "waiting", until: deadline < next ? deadline : next };
  },
});

function matches(expression: string, scope: Record<string, unknown>): boolean {
  try {
    return evaluateCel(expression, scope) === true;
  } catch {
    return false;
  }
}

function eventView(event: WorkflowEvent) {
  return { id: event.eventId, type: event.type, source: event.source, time: event.time, data: event.data };
}
