import type { Artifact } from "../domain/artifact.js";
import type { AssistantJob } from "../domain/assistant-job.js";
import { AddOutputInput, CreateAssistantJobInput, ListAssistantJobsQuery } from "../domain/assistant-job-input.js";
import type { AuditEvent } from "../domain/audit-event.js";
import type { Ctx } from "../domain/ctx.js";
import { transitionRefused, ValidationError } from "../domain/errors.js";
import { checkOwnedObject, checkStorageUri } from "../domain/storage-policy.js";
import type { Page } from "../repositories/pagination.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { mayReadAudit } from "./audit-queries.js";
import { requireRelated } from "./create-artifact.js";
import { parseInput } from "./parse-input.js";

/** A new job for a task and/or bundle, in `draft`. */
export async function createAssistantJob(ctx: Ctx, raw: unknown): Promise<AssistantJob> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(CreateAssistantJobInput, raw);
  await requireRelated(ctx, input);
  const now = ctx.clock.now();
  const job: AssistantJob = {
    ...input,
    assistantJobId: ctx.ids.next("assistantJob"),
    status: "draft",
    requestedBy: actor.userId,
    inputRefs: input.inputRefs ?? [],
    outputArtifactIds: [],
    attemptCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.repo.assistantJobs.create(
    job,
    auditEvent(ctx, "assistantJob", job.assistantJobId, "created", {
      after: { assistantType: job.assistantType, taskId: job.taskId, bundleId: job.bundleId },
    }),
  );
}

/** Registers a running job's output as an artifact in `needs-review`, together with the job. */
export async function addAssistantOutput(
  ctx: Ctx,
  jobId: string,
  raw: unknown,
): Promise<{ job: AssistantJob; artifact: Artifact }> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(AddOutputInput, raw);
  const job = atVersion(
    found(await ctx.repo.assistantJobs.get(jobId), "assistantJob", jobId),
    input.expectedVersion,
    "assistantJob",
    jobId,
  );
  if (job.status !== "running") throw transitionRefused("a job", "add an output to", job.status, ["running"]);
  const storageProvider = checkStorageUri(input.storageUri, undefined, ctx.policy.localStorageAllowed);
  checkOwnedObject(storageProvider, input.checksum, input.sizeBytes);
  const now = ctx.clock.now();
  const artifact: Artifact = {
    artifactId: ctx.ids.next("artifact"),
    type: input.type,
    title: input.title,
    status: "needs-review",
    storageProvider,
    storageUri: input.storageUri,
    contentType: input.contentType,
    checksum: input.checksum,
    sizeBytes: input.sizeBytes,
    dataClass: input.dataClass,
    taskId: job.taskId,
    bundleId: job.bundleId,
    assistantJobId: jobId,
    sourceType: "assistant-output",
    createdBy: actor.userId,
    tags: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const next: AssistantJob = {
    ...job,
    outputArtifactIds: [...job.outputArtifactIds, artifact.artifactId],
    version: job.version + 1,
    updatedAt: now,
  };
  const audit: AuditEvent[] = [
    auditEvent(ctx, "assistantJob", jobId, "output-added", { after: { artifactId: artifact.artifactId } }),
    auditEvent(ctx, "artifact", artifact.artifactId, "created", {
      after: { status: artifact.status, assistantJobId: jobId },
    }),
  ];
  const saved = await ctx.repo.assistantJobs.saveWithArtifacts({
    job: { next, expectedVersion: job.version },
    newArtifacts: [artifact],
    artifacts: [],
    audit,
  });
  return { job: saved, artifact };
}

/**
 * A job with its output artifacts and, for those who may read audit trails (as
 * `GET /api/audit-events` allows), its history (its audit events), oldest first.
 */
export async function getAssistantJob(ctx: Ctx, jobId: string) {
  requireRole(ctx, "viewer");
  const job = found(await ctx.repo.assistantJobs.get(jobId), "assistantJob", jobId);
  const artifacts = await ctx.repo.artifacts.list({ assistantJobId: jobId }, { limit: 100 });
  if (!mayReadAudit(ctx)) return { job, artifacts: artifacts.items };
  const events = await ctx.repo.auditEvents.listByEntity("assistantJob", jobId, { limit: 500 });
  return { job, artifacts: artifacts.items, events: events.items };
}

/** By task, bundle or status (needsApproval = waiting_approval); `type` narrows any of them. */
export async function listAssistantJobs(ctx: Ctx, raw: unknown): Promise<Page<AssistantJob>> {
  requireRole(ctx, "viewer");
  const { limit, cursor, type, needsApproval, ...q } = parseInput(ListAssistantJobsQuery, raw);
  const status = needsApproval ? "waiting_approval" : q.status;
  const filter = q.taskId
    ? { taskId: q.taskId }
    : q.bundleId
      ? { bundleId: q.bundleId }
      : status
        ? { status }
        : undefined;
  if (!filter)
    throw new ValidationError("filter by taskId, bundleId, status or needsApproval=true (type narrows them)", {
      issues: [{ path: "(query)", message: "no selector" }],
    });
  const page = await ctx.repo.assistantJobs.list(filter, { limit, cursor });
  const items = page.items.filter((job) => (!type || job.assistantType === type) && (!status || job.status === status));
  return { items, nextCursor: page.nextCursor };
}
