import type { Task } from "../../src/domain/task.js";
import type { Harness } from "../http/harness.js";
import { seedSampleRuns } from "./sample-run.js";
import { seedSampleSessions } from "./sample-session.js";

/**
 * A small but varied store, made through the API: a podcast bundle with a done task (with its link), a
 * waiting task, an assistant job whose s3 transcript artifact is approved (so the transcript task can
 * complete), a manual task, two graph workflow runs with their steps (sample-run.ts), and the operator's
 * portal sessions (sample-session.ts: audited, never exported). Export tests build on it.
 */
export async function seedSampleWork(
  h: Harness,
): Promise<{ bundleId: string; by: (ref: string) => Task; sessionIds: string[] }> {
  const { body } = await h.call("POST", "/api/bundles", {
    body: { workflowId: "podcast-episode", title: "Sample work", anchorDate: "2026-03-20" },
  });
  const by = (ref: string) => (body.tasks as Task[]).find((t) => t.templateTaskRef === ref) as Task;
  await h.call("POST", `/api/tasks/${by("record").taskId}/complete`, {
    as: "operator",
    body: { expectedVersion: 1, link: "https://studio.example.com/42" },
  });
  await h.call("POST", `/api/tasks/${by("invite-guest").taskId}/mark-waiting`, {
    as: "operator",
    body: { expectedVersion: 1, waitingFor: "Guest", followUpAt: "2026-03-05T10:00:00.000Z", channel: "email" },
  });
  const job = await h.call("POST", "/api/assistant-jobs", {
    as: "operator",
    body: { assistantType: "transcriber", title: "Transcribe", taskId: by("transcript").taskId },
  });
  const art = await h.call("POST", "/api/artifacts", {
    as: "operator",
    body: {
      type: "transcript",
      title: "T",
      storageUri: "s3://bucket/t.txt",
      checksum: `sha256:${"c".repeat(64)}`,
      sizeBytes: 10,
      taskId: by("transcript").taskId,
      assistantJobId: job.body.assistantJobId,
      status: "needs-review",
      metadata: { words: 1200, speakers: ["a", "b"] },
    },
  });
  await h.call("POST", `/api/artifacts/${art.body.artifactId}/approve`, {
    as: "operator",
    body: { expectedVersion: 1 },
  });
  await h.call("POST", `/api/tasks/${by("transcript").taskId}/complete`, {
    as: "operator",
    body: { expectedVersion: 1 },
  });
  await h.call("POST", "/api/tasks", {
    as: "operator",
    body: { description: "A manual task", date: "2026-03-04", tags: ["misc"] },
  });
  await seedSampleRuns(h.repo, h.users.operator.userId);
  const { sessionIds } = await seedSampleSessions(h.repo, h.tokens.operator);
  return { bundleId: body.bundle.bundleId as string, by, sessionIds };
}
