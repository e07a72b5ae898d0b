import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantJob } from "../../src/domain/assistant-job.js";
import type { Task } from "../../src/domain/task.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`HTTP on ${backend.name}: assistant jobs`, () => {
    let h: Harness;
    let transcript: Task;
    beforeAll(async () => {
      h = await startHarness(backend);
      const res = await h.call("POST", "/api/bundles", {
        body: { workflowId: "podcast-episode", title: "Jobs", anchorDate: "2026-03-20" },
      });
      transcript = (res.body.tasks as Task[]).find((t) => t.templateTaskRef === "transcript") as Task;
    });
    afterAll(() => h.close());

    const move = async (job: AssistantJob, action: string, extra: object = {}) => {
      const res = await h.call("POST", `/api/assistant-jobs/${job.assistantJobId}/${action}`, {
        as: "operator",
        body: { expectedVersion: job.version, ...extra },
      });
      return res;
    };

    it("runs draft -> queued -> running -> waiting_approval -> approved -> succeeded; approving approves its outputs, which then prove the task", async () => {
      let job = (
        await h.call("POST", "/api/assistant-jobs", {
          as: "operator",
          body: {
            assistantType: "transcriber",
            title: "Transcribe ep. 42",
            taskId: transcript.taskId,
            inputRefs: ["s3://work-engine-artifacts/recordings/42.wav"],
          },
        })
      ).body as AssistantJob;
      expect(job).toMatchObject({
        status: "draft",
        approvalRequired: true,
        attemptCount: 0,
        maxAttempts: 3,
        requestedBy: h.users.operator.userId,
      });
      job = (await move(job, "queue")).body;
      job = (await move(job, "start")).body;
      expect(job).toMatchObject({ status: "running", attemptCount: 1 });
      const output = await h.call("POST", `/api/assistant-jobs/${job.assistantJobId}/outputs`, {
        as: "operator",
        body: {
          expectedVersion: job.version,
          title: "Transcript",
          storageUri: "s3://work-engine-artifacts/outputs/42.txt",
          checksum: `sha256:${"b".repeat(64)}`,
          sizeBytes: 4200,
        },
      });
      expect(output.status).toBe(201);
      expect(output.body.artifact).toMatchObject({
        status: "needs-review",
        sourceType: "assistant-output",
        assistantJobId: job.assistantJobId,
        taskId: transcript.taskId,
      });
      job = output.body.job;
      expect((await move(job, "succeed")).body.error).toMatchObject({
        code: "invalid_transition",
        message: expect.stringContaining("needs approval"),
      });
      job = (await move(job, "request-approval")).body;
      expect(
        (await h.call("GET", "/api/assistant-jobs?needsApproval=true", { as: "viewer" })).body.items.map(
          (j: AssistantJob) => j.assistantJobId,
        ),
      ).toContain(job.assistantJobId);
      const complete = () =>
        h.call("POST", `/api/tasks/${transcript.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
      expect((await complete()).status).toBe(422);
      job = (await move(job, "approve", { reason: "accurate" })).body;
      expect(job).toMatchObject({
        status: "approved",
        approval: { status: "approved", decidedBy: h.users.operator.userId, reason: "accurate" },
      });
      expect((await h.call("GET", `/api/artifacts/${output.body.artifact.artifactId}`)).body).toMatchObject({
        status: "approved",
        reviewedBy: h.users.operator.userId,
      });
      expect((await complete()).status).toBe(200);
      job = (await move(job, "succeed")).body;
      expect(job.status).toBe("succeeded");
      const refusal = await move(job, "cancel");
      expect(refusal.status).toBe(422);
      expect(refusal.body.error.details).toEqual({
        action: "cancel",
        status: "succeeded",
        allowedFrom: expect.arrayContaining(["draft", "running", "failed"]),
      });
      const seen = await h.call("GET", `/api/assistant-jobs/${job.assistantJobId}`, { as: "viewer" });
      expect(seen.body.artifacts.map((a: { status: string }) => a.status)).toEqual(["approved"]);
      expect(seen.body).not.toHaveProperty("events"); // audit trails are for operators, as /api/audit-events
      const detail = await h.call("GET", `/api/assistant-jobs/${job.assistantJobId}`, { as: "operator" });
      expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual([
        "assistantJob.created",
        "assistantJob.queue",
        "assistantJob.start",
        "assistantJob.output-added",
        "assistantJob.request-approval",
        "assistantJob.approve",
        "assistantJob.succeed",
      ]);
    });

    it("retries failures within maxAttempts, redacts secrets from errors, and cancels from any non-final state", async () => {
      let job = (
        await h.call("POST", "/api/assistant-jobs", {
          as: "operator",
          body: {
            assistantType: "summarizer",
            title: "Summarize",
            taskId: transcript.taskId,
            maxAttempts: 2,
            approvalRequired: false,
          },
        })
      ).body as AssistantJob;
      job = (await move(job, "queue")).body;
      job = (await move(job, "start")).body;
      job = (
        await move(job, "fail", {
          code: "timeout",
          summary: "call to https://x.example/a?X-Amz-Signature=abc failed with token=sk_live_abcdefghijkl",
        })
      ).body;
      expect(job.status).toBe("failed");
      expect(job.lastError?.summary).not.toMatch(/X-Amz-Signature=abc|sk_live_abcdefghijkl/);
      job = (await move(job, "retry")).body;
      job = (await move(job, "queue")).body;
      job = (await move(job, "start")).body;
      expect(job.attemptCount).toBe(2);
      job = (await move(job, "fail", { code: "timeout", summary: "again" })).body;
      expect((await move(job, "retry")).body.error.message).toContain("all 2 attempts are used");
      expect((await move(job, "cancel")).body.status).toBe("canceled");
      const quick = (
        await h.call("POST", "/api/assistant-jobs", {
          as: "operator",
          body: { assistantType: "tagger", title: "Tag", bundleId: transcript.bundleId, approvalRequired: false },
        })
      ).body as AssistantJob;
      const ran = (await move((await move(quick, "queue")).body, "start")).body;
      expect((await move(ran, "succeed")).body.status).toBe("succeeded");
      expect(
        (
          await h.call("POST", "/api/assistant-jobs", {
            as: "operator",
            body: { assistantType: "x", title: "No target" },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.call("POST", "/api/assistant-jobs", {
            as: "operator",
            body: { assistantType: "x", title: "x", taskId: transcript.taskId, maxAttempts: 11 },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.call("POST", "/api/assistant-jobs", {
            as: "viewer",
            body: { assistantType: "x", title: "x", taskId: transcript.taskId },
          })
        ).status,
      ).toBe(403);
    });
  });
}
