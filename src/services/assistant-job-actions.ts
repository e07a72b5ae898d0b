import type { Artifact } from "../domain/artifact.js";
import type { AssistantJob } from "../domain/assistant-job.js";
import { JOB_ACTION_INPUTS, type JobAction } from "../domain/assistant-job-input.js";
import type { Ctx } from "../domain/ctx.js";
import { transitionRefused } from "../domain/errors.js";
import { redactToFit } from "../domain/redaction.js";
import type { VersionedWrite } from "../repositories/repository.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

type Status = AssistantJob["status"];
type Input = { expectedVersion: number; reason?: string; code?: string; summary?: string };

/** The job graph: draft -> queued -> running -> waiting_approval -> approved|rejected; approved -> succeeded; ... */
const MOVES: Record<JobAction, { from: Status[]; to: Status }> = {
  queue: { from: ["draft", "retrying"], to: "queued" },
  start: { from: ["queued"], to: "running" },
  "request-approval": { from: ["running"], to: "waiting_approval" },
  approve: { from: ["waiting_approval"], to: "approved" },
  reject: { from: ["waiting_approval"], to: "rejected" },
  succeed: { from: ["running", "approved"], to: "succeeded" },
  fail: { from: ["queued", "running"], to: "failed" },
  retry: { from: ["failed", "rejected"], to: "retrying" },
  cancel: {
    from: ["draft", "queued", "running", "waiting_approval", "approved", "rejected", "retrying", "failed"],
    to: "canceled",
  },
};

function refuse(job: AssistantJob, action: JobAction, why?: string): never {
  throw transitionRefused("a job", action, job.status, MOVES[action].from, why);
}

function check(job: AssistantJob, action: JobAction) {
  if (!MOVES[action].from.includes(job.status)) refuse(job, action);
  if (action === "succeed" && job.status === "running" && job.approvalRequired)
    refuse(job, action, "this job needs approval first");
  if (action === "retry" && job.attemptCount >= job.maxAttempts)
    refuse(job, action, `all ${job.maxAttempts} attempts are used`);
}

/** Approving a job approves its outputs under review; rejecting it rejects them. */
async function outputDecisions(
  ctx: Ctx,
  job: AssistantJob,
  action: JobAction,
  actorId: string,
): Promise<VersionedWrite<Artifact>[]> {
  if (action !== "approve" && action !== "reject") return [];
  const now = ctx.clock.now();
  const writes: VersionedWrite<Artifact>[] = [];
  for (const id of job.outputArtifactIds) {
    const artifact = await ctx.repo.artifacts.get(id);
    if (artifact?.status !== "needs-review") continue;
    const status = action === "approve" ? "approved" : "rejected";
    writes.push({
      next: {
        ...artifact,
        status,
        reviewedBy: actorId,
        reviewedAt: now,
        version: artifact.version + 1,
        updatedAt: now,
      },
      expectedVersion: artifact.version,
    });
  }
  return writes;
}

/** One move of the job graph, with its audit event (and its outputs' review, for approve and reject). */
export async function actOnAssistantJob(
  ctx: Ctx,
  jobId: string,
  action: JobAction,
  raw: unknown,
): Promise<AssistantJob> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(JOB_ACTION_INPUTS[action], raw) as Input;
  const job = atVersion(
    found(await ctx.repo.assistantJobs.get(jobId), "assistantJob", jobId),
    input.expectedVersion,
    "assistantJob",
    jobId,
  );
  check(job, action);
  const now = ctx.clock.now();
  const next: AssistantJob = { ...job, status: MOVES[action].to, version: job.version + 1, updatedAt: now };
  if (action === "start") next.attemptCount = job.attemptCount + 1;
  if (action === "fail")
    next.lastError = { code: redactToFit(input.code ?? "failed", 80), summary: redactToFit(input.summary ?? "", 1000) };
  if (action === "approve" || action === "reject") {
    next.approval = {
      status: action === "approve" ? "approved" : "rejected",
      decidedBy: actor.userId,
      decidedAt: now,
      reason: input.reason,
    };
  }
  const artifacts = await outputDecisions(ctx, job, action, actor.userId);
  const audit = [
    auditEvent(ctx, "assistantJob", jobId, action, {
      before: { status: job.status },
      after: { status: next.status, attemptCount: next.attemptCount },
    }),
    ...artifacts.map((w) =>
      auditEvent(ctx, "artifact", w.next.artifactId, w.next.status, {
        after: { status: w.next.status, assistantJobId: jobId },
      }),
    ),
  ];
  return ctx.repo.assistantJobs.saveWithArtifacts({
    job: { next, expectedVersion: job.version },
    newArtifacts: [],
    artifacts,
    audit,
  });
}
