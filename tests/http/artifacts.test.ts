import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/task.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

const sha = `sha256:${"a".repeat(64)}`;
// A fake AWS access key ID, assembled here so secret scanners do not flag the repository.
const FAKE_ACCESS_KEY = ["AKIA", "ABCDEFGHIJKLMNOP"].join("");

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`HTTP on ${backend.name}: artifacts under the storage policy, wired into proof`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    async function podcast() {
      const res = await h.call("POST", "/api/bundles", {
        body: { workflowId: "podcast-episode", title: "Artifacts", anchorDate: "2026-03-20" },
      });
      const tasks = res.body.tasks as Task[];
      const by = (ref: string) => tasks.find((t) => t.templateTaskRef === ref) as Task;
      return { bundleId: res.body.bundle.bundleId as string, by };
    }
    const act = (
      id: string,
      action: string,
      version: number,
      extra: object = {},
      as: "operator" | "viewer" = "operator",
    ) => h.call("POST", `/api/artifacts/${id}/${action}`, { as, body: { expectedVersion: version, ...extra } });

    it("lets a task with an artifact proof complete once a public link artifact is registered, attached and approved", async () => {
      const { bundleId, by } = await podcast();
      const transcript = by("transcript");
      const complete = () =>
        h.call("POST", `/api/tasks/${transcript.taskId}/complete`, {
          as: "operator",
          body: { expectedVersion: transcript.version },
        });
      expect((await complete()).body.error.details).toEqual({ gate: "proof", name: "Approved transcript" });
      const created = await h.call("POST", "/api/artifacts", {
        as: "operator",
        body: {
          type: "transcript",
          title: "Transcript ep. 42",
          storageUri: "https://docs.example.com/transcripts/42",
          dataClass: "public",
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: "draft",
        storageProvider: "external-url",
        sourceType: "manual-link",
        createdBy: h.users.operator.userId,
      });
      const attached = await act(created.body.artifactId, "attach", 1, { bundleId });
      expect(attached.body.bundleId).toBe(bundleId);
      expect((await complete()).status).toBe(422);
      const approved = await act(created.body.artifactId, "approve", 2);
      expect(approved.body).toMatchObject({
        status: "approved",
        reviewedBy: h.users.operator.userId,
        reviewedAt: "2026-03-02T09:00:00.000Z",
      });
      expect((await complete()).status).toBe(200);
      const trail = await h.call("GET", `/api/audit-events?entityType=artifact&entityId=${created.body.artifactId}`);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
        "artifact.created",
        "artifact.attached",
        "artifact.approved",
      ]);
    });

    it("shows a draft assistant output with its status; it satisfies proof only after approval", async () => {
      const { by } = await podcast();
      const transcript = by("transcript");
      const job = await h.call("POST", "/api/assistant-jobs", {
        as: "operator",
        body: { assistantType: "transcriber", title: "Transcribe", taskId: transcript.taskId },
      });
      expect(job.status).toBe(201);
      const output = await h.call("POST", "/api/artifacts", {
        as: "operator",
        body: {
          type: "assistant-output",
          title: "Draft transcript",
          storageUri: "s3://work-engine-artifacts/outputs/1.txt",
          checksum: sha,
          sizeBytes: 1200,
          taskId: transcript.taskId,
          assistantJobId: job.body.assistantJobId,
          sourceType: "assistant-output",
          status: "needs-review",
        },
      });
      expect(output.status).toBe(201);
      const listed = await h.call("GET", `/api/artifacts?taskId=${transcript.taskId}`, { as: "viewer" });
      expect(listed.body.items.map((a: { status: string }) => a.status)).toEqual(["needs-review"]);
      const complete = () =>
        h.call("POST", `/api/tasks/${transcript.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
      expect((await complete()).status).toBe(422);
      expect((await act(output.body.artifactId, "approve", 1)).status).toBe(200);
      expect((await complete()).status).toBe(200);
    });

    it("stores provider, URI, relationships, size and checksum for S3, Dropbox and Drive, and nothing more", async () => {
      const { bundleId, by } = await podcast();
      for (const [uri, provider] of [
        ["s3://work-engine-artifacts/recordings/42.wav", "s3"],
        ["https://www.dropbox.com/s/abc123/episode-42.wav", "dropbox"],
        ["https://drive.google.com/file/d/1AbC/view", "google-drive"],
        ["https://github.com/team/notes/blob/main/ep42.md", "github"],
      ] as const) {
        const res = await h.call("POST", "/api/artifacts", {
          as: "operator",
          body: {
            type: "recording",
            title: provider,
            storageUri: uri,
            checksum: sha,
            sizeBytes: 5_368_709_120,
            taskId: by("record").taskId,
            bundleId,
          },
        });
        expect(res.status).toBe(201);
        const stored = (await h.call("GET", `/api/artifacts/${res.body.artifactId}`)).body;
        expect(stored).toMatchObject({
          storageProvider: provider,
          storageUri: uri,
          sizeBytes: 5_368_709_120,
          checksum: sha,
          taskId: by("record").taskId,
          bundleId,
        });
        expect(JSON.stringify(stored)).not.toMatch(/X-Amz|signature|token=/i);
      }
    });

    it("refuses signed URLs, secret-looking metadata, unknown enums, owned objects without checksum, and bad review moves", async () => {
      const base = { type: "report", title: "Report", storageUri: "https://example.com/report.pdf" };
      const refused = async (body: object, status = 400) => {
        const res = await h.call("POST", "/api/artifacts", { as: "operator", body: { ...base, ...body } });
        expect([JSON.stringify(body).slice(0, 80), res.status, typeof res.body.error.message]).toEqual([
          JSON.stringify(body).slice(0, 80),
          status,
          "string",
        ]);
        return res.body.error;
      };
      for (const uri of [
        "https://bucket.s3.amazonaws.com/x.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=abc&X-Amz-Signature=def",
        "https://example.com/file?token=abc",
        "https://example.com/file?access_token=abc",
        "https://x.blob.core.windows.net/c/f?sv=2020&sig=abc",
        "https://user:pass@example.com/f",
      ]) {
        const error = await refused({ storageUri: uri });
        expect(error.details.issues[0].path).toBe("storageUri");
      }
      for (const metadata of [
        { apiKey: "x" },
        { nested: { deeper: [{ password: "x" }] } },
        { note: FAKE_ACCESS_KEY },
        { link: "https://x.example/a?X-Amz-Signature=1" },
        { big: "x".repeat(5000) },
      ]) {
        const error = await refused({ metadata });
        expect(JSON.stringify(error)).not.toContain(FAKE_ACCESS_KEY);
      }
      await refused({ type: "podcast" });
      await refused({ status: "approved" });
      await refused({ dataClass: "secret" });
      await refused({ storageUri: "s3://bucket/key" });
      await refused({ storageUri: "s3://bucket/key", checksum: sha });
      await refused({ storageUri: "https://example.com/x", storageProvider: "s3" });
      await refused({ taskId: "tsk_doesnotexist" }, 404);

      const upload = await h.call("POST", "/api/artifacts", {
        as: "operator",
        body: { ...base, sourceType: "assistant-output" },
      });
      const id = upload.body.artifactId;
      expect((await act(id, "approve", 1)).body.error.code).toBe("invalid_transition");
      expect((await act(id, "submit", 1, {}, "viewer")).status).toBe(403);
      expect((await act(id, "submit", 1)).body.status).toBe("needs-review");
      expect((await act(id, "approve", 2, {}, "viewer")).status).toBe(403);
      expect((await act(id, "reject", 2)).status).toBe(400);
      const rejected = await act(id, "reject", 2, { reason: "wrong episode" });
      expect(rejected.body).toMatchObject({ status: "rejected", reviewedBy: h.users.operator.userId });
      expect((await act(id, "supersede", 3, { supersededBy: id })).body.error.code).toBe("invalid_transition");
      expect((await act(id, "archive", 3)).body.status).toBe("archived");
      expect((await act(id, "submit", 4)).body.error.code).toBe("invalid_transition");
      expect(
        (
          await h.call("PATCH", `/api/artifacts/${id}`, {
            as: "operator",
            body: { expectedVersion: 4, status: "approved" },
          })
        ).status,
      ).toBe(400);
      const patched = await h.call("PATCH", `/api/artifacts/${id}`, {
        as: "operator",
        body: { expectedVersion: 4, title: "Renamed", reviewedBy: "usr_x" },
      });
      expect(patched.status).toBe(400);
      expect(
        (
          await h.call("PATCH", `/api/artifacts/${id}`, {
            as: "operator",
            body: { expectedVersion: 4, title: "Renamed" },
          })
        ).body.title,
      ).toBe("Renamed");
    });

    it("refuses local-disk storage in a production-like run", async () => {
      const prod = await startHarness(backend, { localStorageAllowed: false, storage: null });
      try {
        const res = await prod.call("POST", "/api/artifacts", {
          as: "operator",
          body: { type: "report", title: "Local", storageUri: "local-dev://files/x", checksum: sha, sizeBytes: 1 },
        });
        expect(res).toMatchObject({
          status: 400,
          body: {
            error: { code: "validation_failed", message: expect.stringContaining("development and tests only") },
          },
        });
      } finally {
        await prod.close();
      }
    });
  });
}
