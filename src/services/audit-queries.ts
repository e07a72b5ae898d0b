import type { AuditEvent } from "../domain/audit-event.js";
import type { Ctx } from "../domain/ctx.js";
import { ListAuditEventsQuery } from "../domain/list-queries.js";
import { hasRole } from "../domain/roles.js";
import type { UserRole } from "../domain/user.js";
import type { Page } from "../repositories/pagination.js";
import { requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

/** Who may read audit trails, wherever they are shown: operators and admins. */
export const AUDIT_READER: UserRole = "operator";

/** Whether the actor may read audit trails (for responses that include one only for them). */
export const mayReadAudit = (ctx: Ctx) => ctx.actor !== undefined && hasRole(ctx.actor.role, AUDIT_READER);

/** An entity's audit trail, oldest first (operators and admins). */
export async function listAuditEvents(ctx: Ctx, raw: unknown): Promise<Page<AuditEvent>> {
  requireRole(ctx, AUDIT_READER);
  const { entityType, entityId, limit, cursor } = parseInput(ListAuditEventsQuery, raw);
  return ctx.repo.auditEvents.listByEntity(entityType, entityId, { limit, cursor });
}
