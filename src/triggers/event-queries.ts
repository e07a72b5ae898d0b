import type { Ctx } from "../domain/ctx.js";
import { NotFoundError } from "../domain/errors.js";
import { ListEventsQuery } from "../domain/list-queries.js";
import type { WorkflowEvent } from "../domain/workflow-event.js";
import type { Page } from "../repositories/pagination.js";
import { requireRole } from "../services/access.js";
import { parseInput } from "../services/parse-input.js";

/** One stored event with the runs it started. */
export async function getEvent(ctx: Ctx, eventId: string): Promise<WorkflowEvent> {
  requireRole(ctx, "viewer");
  const event = await ctx.repo.events.get(eventId);
  if (!event) throw new NotFoundError("event", eventId);
  return event;
}

/** Events of one type, oldest first, from `since` (default: the start of time). */
export async function listEvents(ctx: Ctx, raw: unknown): Promise<Page<WorkflowEvent>> {
  requireRole(ctx, "viewer");
  const { type, since, limit, cursor } = parseInput(ListEventsQuery, raw);
  return ctx.repo.events.listByType(type, since ?? "0001-01-01T00:00:00.000Z", { limit, cursor });
}
