import { z } from "zod";
import { DomainError } from "../../domain/errors.js";
import { EventType } from "../../domain/event-pattern.js";
import { JsonObject } from "../../domain/free-form-json.js";
import { Transform } from "../../domain/transform.js";
import { EventSource } from "../../domain/workflow-event.js";
import { applyTransform, TransformError } from "../../transform/apply-transform.js";
import { defineAction } from "./action-module.js";
import { emitChainDepth, MAX_EMIT_CHAIN } from "./emit-chain.js";

const failed = (code: string, message: string) =>
  ({ status: "failed", error: { type: "EventError", code, message } }) as const;

export const eventEmit = defineAction({
  type: "event.emit",
  description:
    "Publishes an event of `type`, as `POST /api/events` does: it is stored and starts every workflow " +
    "whose trigger matches it. Its `data` is the static `data`, or the result of the `transform` (JSONata " +
    "or JMESPath over data, input, steps, variables, bundle). The event ID is derived from the attempt, " +
    "so a repeated delivery publishes nothing new. Output: `{eventId, runs}`. Fails with `EventError`: " +
    `\`INPUT_REFUSED\` when a triggered workflow refuses the input, \`EVENT_LOOP\` past ${MAX_EMIT_CHAIN} ` +
    "events emitted in a chain of runs.",
  config: z
    .strictObject({
      type: EventType,
      source: EventSource.optional(),
      data: JsonObject.optional(),
      transform: Transform.optional(),
    })
    .refine((c) => !(c.data && c.transform), "give data or transform, not both"),
  example: { type: "expense.decided", transform: { type: "jsonata", expression: "{'decision': variables.decision}" } },
  inline: false,
  async run({ config, bundle, scope, idempotencyKey, ctx }) {
    if ((await emitChainDepth(ctx, bundle)) >= MAX_EMIT_CHAIN)
      return failed("EVENT_LOOP", `this run was started by a chain of ${MAX_EMIT_CHAIN} emitted events`);
    let data: unknown = config.data ?? {};
    if (config.transform) {
      try {
        data = await applyTransform(config.transform, scope);
      } catch (error) {
        if (error instanceof TransformError) return failed("TRANSFORM_FAILED", error.message);
        throw error;
      }
    }
    const event = {
      id: `run-${idempotencyKey}`,
      type: config.type,
      source: config.source ?? `workflow:${bundle.workflowId ?? bundle.bundleId}`,
      data,
    };
    // Loaded when used: receiving an event starts runs, which reaches the engine and this registry,
    // so a static import would be a cycle through the module that lists this action.
    const { receiveEvent } = await import("../../triggers/receive-event.js");
    try {
      const { event: stored } = await receiveEvent({ ...ctx, actor: undefined }, event, "workflow", bundle.bundleId);
      return { status: "completed", output: { eventId: stored.eventId, runs: stored.runs } };
    } catch (error) {
      if (error instanceof DomainError && error.code === "validation_failed")
        return failed("INPUT_REFUSED", error.message.slice(0, 2000));
      throw error;
    }
  },
});
