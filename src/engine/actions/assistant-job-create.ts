import { z } from "zod";
import type { AssistantJob } from "../../domain/assistant-job.js";
import type { Ctx } from "../../domain/ctx.js";
import { addMs, Duration, durationMs } from "../../domain/duration.js";
import { ConflictError } from "../../domain/errors.js";
import { uriField } from "../../domain/uri-policy.js";
import { auditEvent } from "../../services/audit.js";
import type { ActionResult } from "../run-view.js";
import { defineAction } from "./action-module.js";

/** The seed's AI actions; each runs as an assistant job of that type. */
export const ASSISTANT_ACTIONS = ["generate-content", "analyze", "moderate"] as const;

const failed = (code: string, message: string): ActionResult => ({
  status: "failed",
  error: { type: "AssistantJobError", code, message },
});

export const assistantJobCreate = defineAction({
  type: "assistant-job.create",
  description:
    "Runs an AI action (`generate-content`, `analyze`, `moderate`) as an assistant job on the bundle, " +
    "queued for the assistant, with approval required. The step waits (looking every `pollEvery`, default " +
    "PT1M, at least PT30S) until a person approves the job: its outputs become the step output `{assistantJobId, outputs: " +
    "[{artifactId, title, type, storageUri}]}`. A rejected, failed or canceled job fails the step with " +
    "`AssistantJobError` and code `REJECTED`, `FAILED` or `CANCELED`, which handlers can route. A repeated " +
    "delivery finds the same job (its ID is derived from the attempt).",
  config: z.strictObject({
    assistantType: z.enum(ASSISTANT_ACTIONS),
    title: z.string().trim().min(1).max(300),
    inputRefs: z.array(uriField("ref")).max(50).default([]),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Each look is two small transitions: a person's approval needs no faster than every 30 s. */
    pollEvery: Duration.default("PT1M").refine((d) => (durationMs(d) ?? 0) >= 30_000, "at least PT30S"),
  }),
  example: {
    assistantType: "generate-content",
    title: "Draft the show notes",
    inputRefs: [],
    maxAttempts: 3,
    pollEvery: "PT1M",
  },
  inline: false,
  recheck: true,
  async run({ config, bundle, now, derivedId, idempotencyKey, ctx }) {
    const jobId = derivedId("assistantJob", `assistant-job.create|${idempotencyKey}`);
    const job =
      (await ctx.repo.assistantJobs.get(jobId)) ?? (await createJob(ctx, jobId, bundle.bundleId, config, now));
    const done = await finished(ctx, job);
    if (done) return done;
    return { status: "waiting", until: addMs(now, durationMs(config.pollEvery) ?? 60_000) };
  },
});

async function createJob(
  ctx: Ctx,
  jobId: string,
  bundleId: string,
  config: { assistantType: string; title: string; inputRefs: string[]; maxAttempts: number },
  now: string,
): Promise<AssistantJob> {
  const job: AssistantJob = {
    assistantJobId: jobId,
    assistantType: config.assistantType,
    title: config.title,
    status: "queued",
    bundleId,
    inputRefs: config.inputRefs,
    outputArtifactIds: [],
    approvalRequired: true,
    attemptCount: 0,
    maxAttempts: config.maxAttempts,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const audit = auditEvent(ctx, "assistantJob", jobId, "created", {
    after: { assistantType: job.assistantType, bundleId, source: "workflow" },
  });
  try {
    return await ctx.repo.assistantJobs.create(job, audit);
  } catch (error) {
    // A second delivery of the same attempt created it first.
    const existing = error instanceof ConflictError ? await ctx.repo.assistantJobs.get(jobId) : undefined;
    if (existing) return existing;
    throw error;
  }
}

async function finished(ctx: Ctx, job: AssistantJob): Promise<ActionResult | undefined> {
  const reason = job.approval?.reason ? `: ${job.approval.reason}` : "";
  if (job.status === "rejected") return failed("REJECTED", `assistant job ${job.assistantJobId} was rejected${reason}`);
  if (job.status === "failed") return failed("FAILED", `assistant job ${job.assistantJobId} failed`);
  if (job.status === "canceled") return failed("CANCELED", `assistant job ${job.assistantJobId} was canceled`);
  if (job.status !== "approved" && job.status !== "succeeded") return undefined;
  const outputs = [];
  for (const artifactId of job.outputArtifactIds) {
    const artifact = await ctx.repo.artifacts.get(artifactId);
    if (artifact)
      outputs.push({ artifactId, title: artifact.title, type: artifact.type, storageUri: artifact.storageUri ?? null });
  }
  return { status: "completed", output: { assistantJobId: job.assistantJobId, outputs } };
}
