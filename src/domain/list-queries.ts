import { z } from "zod";
import { ARTIFACT_STATUSES, ARTIFACT_TYPES } from "./artifact.js";
import { AuditedEntityType } from "./audit-event.js";
import { BundleStatus } from "./bundle.js";
import { CalendarDate, Timestamp } from "./dates.js";
import { EventType } from "./event-pattern.js";
import { idSchema } from "./ids.js";
import { RunLogLevel } from "./run-log.js";
import { TaskStatus } from "./task.js";
import { StepId } from "./workflow-steps.js";

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().min(1).max(2000).optional(),
};
const Flag = z.literal("true");

/** `GET /api/tasks`: exactly one selector, each served by an index. */
export const ListTasksQuery = z
  .strictObject({
    date: CalendarDate.optional(),
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    bundleId: idSchema("bundle").optional(),
    assigneeId: idSchema("user").optional(),
    status: TaskStatus.optional(),
    overdue: Flag.optional(),
    waiting: Flag.optional(),
    followUpDue: Flag.optional(),
    ...PageQuery,
  })
  .superRefine((q, issue) => {
    const selectors = [
      q.date !== undefined,
      q.from !== undefined || q.to !== undefined,
      q.bundleId !== undefined,
      q.assigneeId !== undefined,
      q.status !== undefined && q.assigneeId === undefined,
      q.overdue !== undefined,
      q.waiting !== undefined,
      q.followUpDue !== undefined,
    ].filter(Boolean).length;
    if (selectors !== 1) {
      issue.addIssue({
        code: "custom",
        path: [],
        message:
          "give exactly one selector: date, from+to, bundleId, assigneeId (with optional status), status, overdue=true, waiting=true or followUpDue=true",
      });
    }
    if ((q.from === undefined) !== (q.to === undefined))
      issue.addIssue({ code: "custom", path: ["to"], message: "from and to go together" });
    if (q.from && q.to && q.from > q.to) issue.addIssue({ code: "custom", path: ["to"], message: "to is before from" });
  });
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

export const ListBundlesQuery = z.strictObject({
  status: BundleStatus.optional(),
  stage: z.string().min(1).max(80).optional(),
  workflowId: z.string().min(1).max(80).optional(),
  ...PageQuery,
});

export const ListAuditEventsQuery = z.strictObject({
  entityType: AuditedEntityType,
  entityId: z.string().min(1).max(200),
  ...PageQuery,
});

/** `GET /api/events`: one event type, from a time. */
export const ListEventsQuery = z.strictObject({ type: EventType, since: Timestamp.optional(), ...PageQuery });

/** `GET /api/bundles/{id}/logs`: entries at or above `level`, of one step when `stepId` is given. */
export const ListRunLogsQuery = z.strictObject({
  level: RunLogLevel.optional(),
  stepId: StepId.optional(),
  ...PageQuery,
});

export const PageOnlyQuery = z.strictObject(PageQuery);

export const ExpectedVersionQuery = z.strictObject({ expectedVersion: z.coerce.number().int().min(1) });

export const ListArtifactsQuery = z.strictObject({
  taskId: idSchema("task").optional(),
  bundleId: idSchema("bundle").optional(),
  assistantJobId: idSchema("assistantJob").optional(),
  fileId: idSchema("file").optional(),
  status: z.enum(ARTIFACT_STATUSES).optional(),
  type: z.enum(ARTIFACT_TYPES).optional(),
  ...PageQuery,
});

export const ListFilesQuery = z.strictObject({ taskId: idSchema("task"), ...PageQuery });
