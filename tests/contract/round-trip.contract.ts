import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";

/** Every entity, written with every field set and with only the required ones, reads back equal. */
export function roundTripContract(backend: Backend) {
  describe(`${backend.name}: field-by-field round trip`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    async function graph() {
      const owner = await repo.users.create(f.user({ role: "admin", disabled: true }), f.audit("user", "usr_x"));
      const { version } = await repo.workflowVersions.register(
        f.workflowVersionCandidate(`wf-${owner.userId.slice(-8)}`),
        f.audit("workflowVersion", "wfv_x"),
      );
      const config = f.recurringConfig({
        workflowId: "wf-test",
        taskDescription: "Send it",
        assigneeId: owner.userId,
        tags: ["weekly"],
        enabled: false,
        lastRunAt: f.T1,
      });
      await repo.recurringConfigs.create(config, f.audit("recurringConfig", config.recurringConfigId));
      return { owner, version, config };
    }

    it("users and API tokens", async () => {
      const minimal = f.user();
      expect(await repo.users.create(minimal, f.audit("user", minimal.userId))).toEqual(minimal);
      expect(await repo.users.get(minimal.userId)).toEqual(minimal);
      const token = f.apiToken(minimal.userId);
      await repo.apiTokens.create(token, f.audit("apiToken", token.tokenId));
      expect(await repo.apiTokens.get(token.tokenId)).toEqual(token);
      const bare = f.apiToken(minimal.userId, { name: undefined, expiresAt: undefined, revokedAt: undefined });
      await repo.apiTokens.create(bare, f.audit("apiToken", bare.tokenId));
      // toEqual: absent optionals must come back absent (undefined), never null.
      expect(await repo.apiTokens.get(bare.tokenId)).toEqual(bare);
    });

    it("workflow versions keep their whole definition", async () => {
      const { version } = await graph();
      expect(await repo.workflowVersions.get(version.workflowVersionId)).toEqual(version);
      expect(version.version).toBe(1);
    });

    it("bundles, tasks and task events with every field, and with none of the optional ones", async () => {
      const { owner, version, config } = await graph();
      const full = f.fullBundle(owner.userId, version.workflowVersionId);
      const refs = {
        userId: owner.userId,
        bundleId: full.bundleId,
        workflowVersionId: version.workflowVersionId,
        recurringConfigId: config.recurringConfigId,
      };
      const fullTask = f.fullTask(refs);
      const plainTask = f.task({ bundleId: full.bundleId, taskOrder: 1 });
      const event = f.taskEvent(fullTask.taskId, {
        bundleId: full.bundleId,
        actorId: owner.userId,
        kind: "marked-waiting",
        note: "asked",
        changes: { status: { from: "todo", to: "waiting" } },
      });
      await repo.bundles.createWithTasks({
        bundle: full,
        tasks: [fullTask, plainTask],
        taskEvents: [event],
        audit: [f.audit("bundle", full.bundleId)],
      });
      expect(await repo.bundles.get(full.bundleId)).toStrictEqual(full);
      expect(await repo.tasks.get(fullTask.taskId)).toStrictEqual(fullTask);
      expect(await repo.tasks.get(plainTask.taskId)).toStrictEqual(plainTask);
      expect((await repo.tasks.listEvents(fullTask.taskId, {})).items).toStrictEqual([event]);
      const bare = f.bundle();
      await repo.bundles.createWithTasks({
        bundle: bare,
        tasks: [],
        taskEvents: [],
        audit: [f.audit("bundle", bare.bundleId)],
      });
      expect(await repo.bundles.get(bare.bundleId)).toStrictEqual(bare);
    });

    it("recurring configs, notifications, files, artifacts, assistant jobs and audit events", async () => {
      const { owner, config } = await graph();
      expect(await repo.recurringConfigs.get(config.recurringConfigId)).toStrictEqual(config);
      const b = f.bundle();
      const t = f.task({ bundleId: b.bundleId });
      await repo.bundles.createWithTasks({ bundle: b, tasks: [t], taskEvents: [], audit: [] });

      const note = f.notification({
        userId: owner.userId,
        taskId: t.taskId,
        bundleId: b.bundleId,
        recurringConfigId: config.recurringConfigId,
        dismissedAt: f.T1,
        dismissedBy: owner.userId,
        type: "follow-up-due",
      });
      await repo.notifications.create(note, f.audit("notification", note.notificationId));
      expect(await repo.notifications.get(note.notificationId)).toStrictEqual(note);

      const file = f.fileRecord(t.taskId, { bundleId: b.bundleId, category: "audio", uploadedBy: owner.userId });
      await repo.files.create(file, f.audit("file", file.fileId));
      expect(await repo.files.get(file.fileId)).toStrictEqual(file);

      const job = f.assistantJob({
        taskId: t.taskId,
        bundleId: b.bundleId,
        requestedBy: owner.userId,
        status: "waiting_approval",
        inputRefs: ["s3://bucket/in.wav"],
        outputArtifactIds: ["art_01"],
        approvalRequired: true,
        approval: { status: "approved", decidedBy: owner.userId, decidedAt: f.T1, reason: "fine" },
        attemptCount: 2,
        retryOfJobId: "job_earlier",
        lastError: { code: "timeout", summary: "took too long" },
      });
      await repo.assistantJobs.create(job, f.audit("assistantJob", job.assistantJobId));
      expect(await repo.assistantJobs.get(job.assistantJobId)).toStrictEqual(job);

      const art = f.artifact({
        description: "Transcript",
        status: "approved",
        storageProvider: "s3",
        storageUri: "s3://bucket/t.txt",
        filename: "t.txt",
        contentType: "text/plain",
        checksum: `sha256:${"d".repeat(64)}`,
        sizeBytes: 42,
        dataClass: "internal",
        taskId: t.taskId,
        bundleId: b.bundleId,
        assistantJobId: job.assistantJobId,
        fileId: file.fileId,
        sourceType: "assistant-output",
        createdBy: owner.userId,
        reviewedBy: owner.userId,
        reviewedAt: f.T1,
        supersededBy: "art_next",
        tags: ["transcript"],
        metadata: { words: 1200, speakers: ["a", "b"], nested: { ok: true } },
      });
      await repo.artifacts.create(art, f.audit("artifact", art.artifactId));
      expect(await repo.artifacts.get(art.artifactId)).toStrictEqual(art);

      const event = f.audit("task", t.taskId, {
        actorId: owner.userId,
        action: "task.completed",
        before: { status: "todo" },
        after: { status: "done", at: f.T1 },
      });
      await repo.notifications.create(f.notification(), event);
      expect((await repo.auditEvents.listByEntity("task", t.taskId, {})).items).toStrictEqual([event]);
    });
  });
}
