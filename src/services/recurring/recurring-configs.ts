import { nextOccurrence } from "../../domain/cron.js";
import type { Ctx } from "../../domain/ctx.js";
import { DAY_MS } from "../../domain/dates.js";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { RecurringConfig } from "../../domain/recurring-config.js";
import { CreateRecurringConfigInput, UpdateRecurringConfigInput } from "../../domain/recurring-config-input.js";
import type { WorkflowVersion } from "../../domain/workflow-version.js";
import { checkRunInput } from "../../engine/input-schema.js";
import { runAtOf } from "../../scheduler/recurring-runs.js";
import { atVersion, found, requireRole } from "../access.js";
import { auditEvent } from "../audit.js";
import { parseInput } from "../parse-input.js";

/**
 * When the first occurrence that still gets its full lead time has its work created: occurrences
 * sooner than `leadDays` from now are not created (they are not missed; they were never scheduled).
 */
function firstRunAt(cron: string, timeZone: string, leadDays: number, now: string): string {
  const after = new Date(Date.parse(now) + leadDays * DAY_MS);
  const occurrence = nextOccurrence(cron, timeZone, after);
  if (!occurrence) {
    throw new ValidationError("the cron expression has no future occurrence", {
      issues: [{ path: "cron", message: "never occurs again" }],
    });
  }
  return runAtOf(occurrence, leadDays).toISOString();
}

async function checkRefs(ctx: Ctx, refs: { workflowId?: string; assigneeId?: string | null }) {
  const version = refs.workflowId ? await ctx.repo.workflowVersions.getLatest(refs.workflowId) : undefined;
  if (refs.workflowId && !version)
    throw new ValidationError(`workflow ${refs.workflowId} does not exist`, {
      issues: [{ path: "workflowId", message: "unknown workflow" }],
    });
  if (version?.definition.steps) checkGraphRuns(version, refs.assigneeId);
  if (refs.assigneeId && !(await ctx.repo.users.get(refs.assigneeId)))
    throw new ValidationError(`user ${refs.assigneeId} does not exist`, {
      issues: [{ path: "assigneeId", message: "unknown user" }],
    });
}

/** A recurring graph run starts with input {} and takes its assignees from the definition. */
function checkGraphRuns(version: WorkflowVersion, assigneeId: string | null | undefined) {
  if (assigneeId)
    throw new ValidationError("a graph workflow assigns each step's task from its definition", {
      issues: [{ path: "assigneeId", message: "not accepted for a graph workflow" }],
    });
  try {
    checkRunInput(version, {});
  } catch (error) {
    const detail = error instanceof ValidationError ? JSON.stringify(error.details.issues ?? []) : "";
    throw new ValidationError(`workflow ${version.workflowId} needs run input a recurring config cannot give`, {
      issues: [{ path: "workflowId", message: `its inputSchema refuses {}: ${detail}`.slice(0, 500) }],
    });
  }
}

export async function createRecurringConfig(ctx: Ctx, raw: unknown): Promise<RecurringConfig> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateRecurringConfigInput, raw);
  await checkRefs(ctx, input);
  const now = ctx.clock.now();
  const timeZone = input.timeZone ?? ctx.scheduler.teamTimeZone;
  const leadDays = input.leadDays ?? 0;
  const config: RecurringConfig = {
    recurringConfigId: ctx.ids.next("recurringConfig"),
    title: input.title,
    workflowId: input.workflowId,
    taskDescription: input.taskDescription,
    assigneeId: input.assigneeId,
    tags: input.tags ?? [],
    cron: input.cron,
    timeZone,
    leadDays,
    enabled: input.enabled ?? true,
    nextRunAt: firstRunAt(input.cron, timeZone, leadDays, now),
    runCount: 0,
    skippedCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.repo.recurringConfigs.create(
    config,
    auditEvent(ctx, "recurringConfig", config.recurringConfigId, "created", {
      after: { title: config.title, cron: config.cron, timeZone, nextRunAt: config.nextRunAt },
    }),
  );
}

export async function getRecurringConfig(ctx: Ctx, id: string): Promise<RecurringConfig> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.recurringConfigs.get(id), "recurringConfig", id);
}

export async function listRecurringConfigs(ctx: Ctx, page: { limit?: number; cursor?: string }) {
  requireRole(ctx, "viewer");
  return ctx.repo.recurringConfigs.list(page);
}

/**
 * Edits a config. A new schedule (cron, time zone, lead days) or re-enabling starts again from the
 * next occurrence with full lead time; occurrences while disabled are not caught up.
 */
export async function updateRecurringConfig(ctx: Ctx, id: string, raw: unknown): Promise<RecurringConfig> {
  requireRole(ctx, "admin");
  const { expectedVersion, assigneeId, ...patch } = parseInput(UpdateRecurringConfigInput, raw);
  const config = atVersion(
    found(await ctx.repo.recurringConfigs.get(id), "recurringConfig", id),
    expectedVersion,
    "recurringConfig",
    id,
  );
  if (patch.taskDescription !== undefined && config.workflowId)
    throw new ValidationError("this config creates bundles; taskDescription applies to task configs", {
      issues: [{ path: "taskDescription", message: "not a task config" }],
    });
  await checkRefs(ctx, { workflowId: assigneeId ? config.workflowId : undefined, assigneeId });
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const now = ctx.clock.now();
  const next: RecurringConfig = {
    ...config,
    ...defined,
    ...(assigneeId === null ? { assigneeId: undefined } : assigneeId ? { assigneeId } : {}),
    version: config.version + 1,
    updatedAt: now,
  };
  const rescheduled =
    next.cron !== config.cron ||
    next.timeZone !== config.timeZone ||
    next.leadDays !== config.leadDays ||
    (next.enabled && !config.enabled);
  if (rescheduled) next.nextRunAt = firstRunAt(next.cron, next.timeZone, next.leadDays, now);
  return ctx.repo.recurringConfigs.update(
    next,
    config.version,
    auditEvent(ctx, "recurringConfig", id, "updated", {
      after: {
        fields: [...Object.keys(defined), ...(assigneeId !== undefined ? ["assigneeId"] : [])],
        nextRunAt: next.nextRunAt,
      },
    }),
  );
}

/** Deletes a config that never created work; one that has is kept for its history (409: disable it). */
export async function deleteRecurringConfig(ctx: Ctx, id: string, expectedVersion: number): Promise<void> {
  requireRole(ctx, "admin");
  const config = atVersion(
    found(await ctx.repo.recurringConfigs.get(id), "recurringConfig", id),
    expectedVersion,
    "recurringConfig",
    id,
  );
  if (config.runCount > 0) {
    throw new ConflictError(
      `recurring config ${id} has created work (${config.runCount} occurrence(s)); disable it instead`,
      { recurringConfigId: id, runCount: config.runCount },
    );
  }
  try {
    await ctx.repo.recurringConfigs.delete(id, expectedVersion, auditEvent(ctx, "recurringConfig", id, "deleted"));
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError("recurringConfig", id);
    throw error;
  }
}
