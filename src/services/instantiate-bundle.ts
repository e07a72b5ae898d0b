import type { Bundle, TriggerType } from "../domain/bundle.js";
import { CreateBundleInput } from "../domain/bundle-input.js";
import { sha256Of } from "../domain/canonical-json.js";
import type { BundleLink } from "../domain/common.js";
import type { Ctx } from "../domain/ctx.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";
import { DEFAULT_STAGES } from "../domain/workflow-definition.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { checkRunInput } from "../engine/input-schema.js";
import { startRun } from "../engine/start-run.js";
import type { NewBundle } from "../repositories/repository.js";
import { requireRole } from "./access.js";
import { anchoredDate } from "./anchored-date.js";
import { auditEvent } from "./audit.js";
import { buildBundleTasks } from "./build-bundle-tasks.js";
import { listAllBundleTasks } from "./list-all-bundle-tasks.js";
import { parseInput } from "./parse-input.js";

export type BundleWithTasks = { bundle: Bundle; tasks: Task[] };

/** What started a bundle: recorded on it as triggerType and triggerEventId. */
export type BundleOrigin = { triggerType: TriggerType; triggerEventId?: string };

/** A bundle checked and built but not written yet, or the answer an earlier request with its key got. */
export type PreparedBundle =
  | { kind: "replay"; result: BundleWithTasks }
  | { kind: "new"; write: NewBundle; idempotencyKey?: string; requestHash: string };

/**
 * Starts a bundle from a workflow version (the workflow's latest unless one is named) in one atomic
 * write. With an idempotency key, a repeat of the same request returns the first result; the same
 * key with a different request is a conflict.
 */
export async function instantiateBundle(
  ctx: Ctx,
  rawInput: CreateBundleInput,
  idempotencyKey?: string,
  origin: BundleOrigin = { triggerType: "manual" },
): Promise<BundleWithTasks> {
  return commitBundle(ctx, await prepareBundle(ctx, rawInput, idempotencyKey, origin));
}

/**
 * Every check instantiateBundle makes, and the records it would write, without writing: how a caller
 * starting several bundles at once (an event) refuses all of them before writing any.
 */
export async function prepareBundle(
  ctx: Ctx,
  rawInput: CreateBundleInput,
  idempotencyKey?: string,
  origin: BundleOrigin = { triggerType: "manual" },
): Promise<PreparedBundle> {
  if (ctx.actor) requireRole(ctx, "operator"); // the system (scheduler, imports) has no actor
  const input = parseInput(CreateBundleInput, rawInput);
  const requestHash = sha256Of(input);
  if (idempotencyKey) {
    const earlier = await replay(ctx, idempotencyKey, requestHash);
    if (earlier) return { kind: "replay", result: earlier };
  }
  const version = await resolveVersion(ctx, input);
  checkGraphInput(input, version);
  const bundle = { ...newBundle(ctx, input, version, idempotencyKey, requestHash), ...origin };
  const assigneeOf = await assigneeResolver(ctx, input, version);
  const { tasks, taskEvents } = version
    ? buildBundleTasks(ctx, bundle, version, assigneeOf)
    : { tasks: [], taskEvents: [] };
  bundle.taskCount = tasks.length;
  bundle.openTaskCount = tasks.length;
  const audit = auditEvent(ctx, "bundle", bundle.bundleId, "created", {
    after: { title: bundle.title, workflowVersionId: bundle.workflowVersionId, taskCount: tasks.length },
  });
  return { kind: "new", write: { bundle, tasks, taskEvents, audit: [audit] }, idempotencyKey, requestHash };
}

/** Writes a prepared bundle in one atomic write and starts its run. */
export async function commitBundle(ctx: Ctx, prepared: PreparedBundle): Promise<BundleWithTasks> {
  if (prepared.kind === "replay") return prepared.result;
  const { write, idempotencyKey, requestHash } = prepared;
  try {
    await ctx.repo.bundles.createWithTasks(write);
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's result.
    const earlier =
      error instanceof ConflictError && idempotencyKey && (await replay(ctx, idempotencyKey, requestHash));
    if (earlier) return earlier;
    throw error;
  }
  if (write.bundle.runStatus) return startRun(ctx, write.bundle);
  return { bundle: write.bundle, tasks: write.tasks };
}

/** A graph workflow's input must match its inputSchema; a checklist takes no input and assigns up front. */
function checkGraphInput(input: CreateBundleInput, version: WorkflowVersion | undefined) {
  if (version?.definition.steps) {
    if (input.defaultAssigneeId || input.assigneeOverrides)
      throw new ValidationError(
        "a graph workflow assigns each step's task from its definition; defaultAssigneeId and assigneeOverrides apply to checklists",
      );
    checkRunInput(version, input.input ?? {});
    // Step tasks are made later, due offsetDays after the anchor: every one of those dates must exist.
    for (const task of version.definition.tasks) anchoredDate(input.anchorDate, task.offsetDays);
  } else if (input.input !== undefined || input.correlationId !== undefined) {
    throw new ValidationError("input and correlationId are for graph workflows (definitions with steps)");
  }
}

async function replay(ctx: Ctx, key: string, requestHash: string): Promise<BundleWithTasks | undefined> {
  const bundle = await ctx.repo.bundles.getByIdempotencyKey(key);
  if (!bundle) return undefined;
  if (bundle.requestHash !== requestHash) {
    throw new ConflictError("this Idempotency-Key was already used for a different request", {
      bundleId: bundle.bundleId,
    });
  }
  return { bundle, tasks: await listAllBundleTasks(ctx, bundle.bundleId) };
}

async function resolveVersion(ctx: Ctx, input: CreateBundleInput): Promise<WorkflowVersion | undefined> {
  if (input.workflowVersionId) {
    const version = await ctx.repo.workflowVersions.get(input.workflowVersionId);
    if (!version) throw new NotFoundError("workflowVersion", input.workflowVersionId);
    if (input.workflowId && input.workflowId !== version.workflowId) {
      throw new ValidationError(`workflow version ${version.workflowVersionId} belongs to ${version.workflowId}`);
    }
    return version;
  }
  if (!input.workflowId) return undefined;
  const version = await ctx.repo.workflowVersions.getLatest(input.workflowId);
  if (!version) throw new NotFoundError("workflow", input.workflowId);
  return version;
}

function newBundle(
  ctx: Ctx,
  input: CreateBundleInput,
  version: WorkflowVersion | undefined,
  idempotencyKey: string | undefined,
  requestHash: string,
): Bundle {
  const definition = version?.definition;
  const now = ctx.clock.now();
  const stages = definition?.stages ?? [...DEFAULT_STAGES];
  return {
    bundleId: ctx.ids.next("bundle"),
    workflowId: version?.workflowId,
    workflowVersionId: version?.workflowVersionId,
    title: input.title,
    description: input.description,
    anchorDate: input.anchorDate,
    stages,
    stage: stages[0] ?? "preparation",
    status: "active",
    references: [...(definition?.references ?? []), ...(input.references ?? [])],
    links: bundleLinks(definition?.requiredLinks ?? [], input.links ?? []),
    tags: [...new Set([...(definition?.tags ?? []), ...(input.tags ?? [])])],
    taskCount: 0,
    openTaskCount: 0,
    idempotencyKey,
    requestHash,
    createdBy: ctx.actor?.userId,
    ...(definition?.steps
      ? {
          runStatus: "pending" as const,
          input: input.input ?? {},
          variables: {},
          correlationId: input.correlationId,
          runWakeAt: now,
        }
      : {}),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

function bundleLinks(
  declared: { name: string; required: boolean }[],
  given: { name: string; url: string }[],
): BundleLink[] {
  const links: BundleLink[] = declared.map((link) => ({ name: link.name, url: "", required: link.required }));
  for (const link of given) {
    const slot = links.find((candidate) => candidate.name === link.name);
    if (slot) slot.url = link.url;
    else links.push({ name: link.name, url: link.url, required: false });
  }
  return links;
}

async function assigneeResolver(ctx: Ctx, input: CreateBundleInput, version: WorkflowVersion | undefined) {
  const definition = version?.definition;
  const refIds = new Set(definition?.tasks.map((task) => task.refId) ?? []);
  const unknownRefs = Object.keys(input.assigneeOverrides ?? {}).filter((ref) => !refIds.has(ref));
  if (unknownRefs.length > 0) {
    throw new ValidationError(`assigneeOverrides names tasks the workflow does not have: ${unknownRefs.join(", ")}`, {
      issues: unknownRefs.map((ref) => ({ path: `assigneeOverrides.${ref}`, message: "unknown task refId" })),
    });
  }
  const fallback = input.defaultAssigneeId ?? definition?.defaultAssigneeId;
  const choose = (task: { refId: string; assigneeId?: string }) =>
    input.assigneeOverrides?.[task.refId] ?? task.assigneeId ?? fallback;
  const wanted = new Set((definition?.tasks ?? []).map(choose).filter((id): id is string => id !== undefined));
  const missing: string[] = [];
  for (const userId of wanted) if (!(await ctx.repo.users.get(userId))) missing.push(userId);
  if (missing.length > 0) {
    throw new ValidationError(
      `assignee(s) ${missing.join(", ")} do not exist: create the user(s) or override the assignee`,
      { missingUserIds: missing },
    );
  }
  return choose;
}
