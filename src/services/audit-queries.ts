import type { AuditEvent } from "../domain/audit-event.js";
import type { Ctx } from "../domain/ctx.js";
import { ListAuditEventsQuery } from "../domain/list-queries.js";
import type { Page } from "../repositories/pagination.js";
import { requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

/** An entity's audit trail, oldest first (operators and admins). */
export async function listAuditEvents(ctx: Ctx, raw: unknown): Promise<Page<AuditEvent>> {
  requireRole(ctx, "operator");
  const { entityType, entityId, limit, cursor } = parseInput(ListAuditEventsQuery, raw);
  return ctx.repo.auditEvents.listByEntity(entityType, entityId, { limit, cursor });
}
