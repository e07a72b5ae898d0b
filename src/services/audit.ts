import type { AuditEvent, AuditedEntityType } from "../domain/audit-event.js";
import type { Ctx } from "../domain/ctx.js";

/** Builds the audit event a service passes to the repository with its write. */
export function auditEvent(
  ctx: Ctx,
  entityType: AuditedEntityType,
  entityId: string,
  action: string,
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): AuditEvent {
  return {
    auditEventId: ctx.ids.next("auditEvent"),
    actorId: ctx.actor?.userId,
    entityType,
    entityId,
    action: `${entityType}.${action}`,
    before: summary.before,
    after: summary.after,
    createdAt: ctx.clock.now(),
  };
}
