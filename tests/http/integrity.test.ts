import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamoBackend, pgliteBackend, postgresBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

type Task = { taskId: string; templateTaskRef: string; status: string; date: string; version: number };

/** Integrity findings of the security review, each replayed through the API on every backend. */
for (const backend of [pgliteBackend, postgresBackend, dynamoBackend]) {
  describe(`HTTP on ${backend.name}: integrity`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    async function newsletter(anchorDate = "2026-06-15", headers: Record<string, string> = {}) {
      const res = await h.call("POST", "/api/bundles", {
        body: { workflowId: "newsletter-issue", title: `Issue ${anchorDate}`, anchorDate },
        headers,
      });
      expect(res.status).toBe(201);
      return res.body as { bundle: { bundleId: string; version: number }; tasks: Task[] };
    }

    it("reschedules a bundle created with an Idempotency-Key", async () => {
      const key = `k-${backend.name}-${Date.now()}`;
      const { bundle } = await newsletter("2026-06-15", { "Idempotency-Key": key });
      const res = await h.call("POST", `/api/bundles/${bundle.bundleId}/reschedule`, {
        body: { expectedVersion: 1, anchorDate: "2026-06-22" },
      });
      expect(res.status).toBe(200);
      expect(res.body.bundle.anchorDate).toBe("2026-06-22");
      // The key still answers with the same bundle.
      const replay = await h.call("POST", "/api/bundles", {
        body: { workflowId: "newsletter-issue", title: "Issue 2026-06-15", anchorDate: "2026-06-15" },
        headers: { "Idempotency-Key": key },
      });
      expect(replay.body.bundle.bundleId).toBe(bundle.bundleId);
    });

    it("refuses anchor dates whose task dates leave years 0001-9999, and reads years 0001-0099 as written", async () => {
      const late = await h.call("POST", "/api/bundles", {
        body: { workflowId: "newsletter-issue", title: "Far", anchorDate: "9999-12-31" },
      });
      expect(late.status).toBe(400);
      expect(late.body.error.details.issues[0].path).toBe("anchorDate");
      const zero = await h.call("POST", "/api/bundles", {
        body: { workflowId: "newsletter-issue", title: "Zero", anchorDate: "0000-06-01" },
      });
      expect(zero.status).toBe(400);

      const { bundle, tasks } = await newsletter("0050-06-15");
      expect(tasks.every((t) => t.date.startsWith("0050-"))).toBe(true);
      const stored = (await h.call("GET", `/api/bundles/${bundle.bundleId}/tasks`)).body.items as Task[];
      expect(stored.map((t) => t.date).sort()).toEqual(tasks.map((t) => t.date).sort());

      const far = await h.call("POST", `/api/bundles/${bundle.bundleId}/reschedule`, {
        body: { expectedVersion: 1, anchorDate: "9999-12-30" },
      });
      expect(far.status).toBe(400);
      expect((await h.call("GET", `/api/bundles/${bundle.bundleId}`)).body.anchorDate).toBe("0050-06-15");
    });

    describe("a done task keeps its proof", () => {
      type Proof = { artifactId: string; version: number };

      /** An approved manual link on the task. */
      async function approvedArtifact(taskId: string, storageUri: string): Promise<Proof> {
        const created = await h.call("POST", "/api/artifacts", {
          as: "operator",
          body: { type: "external-link", title: "Archive", storageUri, taskId },
        });
        const approved = await h.call("POST", `/api/artifacts/${created.body.artifactId}/approve`, {
          as: "operator",
          body: { expectedVersion: 1 },
        });
        expect(approved.status).toBe(200);
        return approved.body;
      }

      async function provenTask() {
        const { bundle, tasks } = await newsletter();
        const task = tasks.find((t) => t.templateTaskRef === "archive-issue") as Task;
        const other = tasks.find((t) => t.templateTaskRef === "retro") as Task;
        return { bundle, task, other, artifact: await approvedArtifact(task.taskId, "https://example.com/a") };
      }

      it("refuses to move, archive or supersede the only approved artifact of a done task", async () => {
        const { task, other, artifact } = await provenTask();
        const done = await h.call("POST", `/api/tasks/${task.taskId}/complete`, {
          as: "operator",
          body: { expectedVersion: 1 },
        });
        expect(done.status).toBe(200);
        const moved = await h.call("POST", `/api/artifacts/${artifact.artifactId}/attach`, {
          as: "operator",
          body: { expectedVersion: artifact.version, taskId: other.taskId },
        });
        expect(moved.status).toBe(422);
        expect(moved.body.error.details).toMatchObject({ taskId: task.taskId, artifactId: artifact.artifactId });
        const archived = await h.call("POST", `/api/artifacts/${artifact.artifactId}/archive`, {
          as: "operator",
          body: { expectedVersion: artifact.version },
        });
        expect(archived.status).toBe(422);
        expect((await h.call("GET", `/api/artifacts/${artifact.artifactId}`)).body).toMatchObject({
          taskId: task.taskId,
          status: "approved",
          version: artifact.version,
        });

        // Once the task is reopened the artifact moves freely.
        await h.call("POST", `/api/tasks/${task.taskId}/reopen`, { as: "operator", body: { expectedVersion: 2 } });
        const freed = await h.call("POST", `/api/artifacts/${artifact.artifactId}/attach`, {
          as: "operator",
          body: { expectedVersion: artifact.version, taskId: other.taskId },
        });
        expect(freed.status).toBe(200);
      });

      it("moves the artifact when another approved artifact still proves the task", async () => {
        const { task, other, artifact } = await provenTask();
        await h.call("POST", `/api/tasks/${task.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
        await approvedArtifact(task.taskId, "https://example.com/b");
        const moved = await h.call("POST", `/api/artifacts/${artifact.artifactId}/attach`, {
          as: "operator",
          body: { expectedVersion: artifact.version, taskId: other.taskId },
        });
        expect(moved.status).toBe(200);
      });

      it("never leaves a done task bare when its two proofs are archived at the same time", async () => {
        const { task, artifact } = await provenTask();
        await h.call("POST", `/api/tasks/${task.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
        const second = await approvedArtifact(task.taskId, "https://example.com/c");
        const results = await Promise.all(
          [artifact, second].map((a) =>
            h.call("POST", `/api/artifacts/${a.artifactId}/archive`, {
              as: "operator",
              body: { expectedVersion: a.version },
            }),
          ),
        );
        expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
        const proofs = (await h.call("GET", `/api/artifacts?taskId=${task.taskId}&status=approved`)).body.items;
        expect(proofs.length).toBeGreaterThanOrEqual(1);
      });

      it("never ends with a done task and no proof when completion and a move race", async () => {
        for (let round = 0; round < 3; round++) {
          const { task, other, artifact } = await provenTask();
          await Promise.all([
            h.call("POST", `/api/tasks/${task.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } }),
            h.call("POST", `/api/artifacts/${artifact.artifactId}/attach`, {
              as: "operator",
              body: { expectedVersion: artifact.version, taskId: other.taskId },
            }),
          ]);
          const after = (await h.call("GET", `/api/tasks/${task.taskId}`)).body as Task;
          const proofs = (await h.call("GET", `/api/artifacts?taskId=${task.taskId}&status=approved`)).body.items;
          if (after.status === "done") expect(proofs).toHaveLength(1);
        }
      });
    });

    // Last: it disables the harness admin.
    it("keeps one enabled admin when two admins disable each other at the same time", async () => {
      const admins = [];
      for (const name of ["first", "second"]) {
        const user = await h.call("POST", "/api/users", {
          body: { name, email: `${name}-${backend.name}@example.com`, role: "admin" },
        });
        const token = await h.call("POST", `/api/users/${user.body.userId}/tokens`, { body: {} });
        admins.push({ userId: user.body.userId as string, auth: { authorization: `Bearer ${token.body.token}` } });
      }
      const [a, b] = admins as [(typeof admins)[0], (typeof admins)[0]];
      const harnessAdmin = h.users.admin;
      expect(
        (
          await h.call("PATCH", `/api/users/${harnessAdmin.userId}`, {
            as: null,
            headers: a.auth,
            body: { expectedVersion: harnessAdmin.version, disabled: true },
          })
        ).status,
      ).toBe(200);

      const results = await Promise.all([
        h.call("PATCH", `/api/users/${b.userId}`, {
          as: null,
          headers: a.auth,
          body: { expectedVersion: 1, disabled: true },
        }),
        h.call("PATCH", `/api/users/${a.userId}`, {
          as: null,
          headers: b.auth,
          body: { expectedVersion: 1, disabled: true },
        }),
      ]);
      // One lands; the other is refused, or (if it authenticated after the first landed) is a 401.
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([expect.toBeOneOf([401, 409])]);
      const users = (await h.call("GET", "/api/users?limit=200", { as: "viewer" })).body.items as {
        role: string;
        disabled: boolean;
      }[];
      expect(users.filter((u) => u.role === "admin" && !u.disabled)).toHaveLength(1);
    });
  });
}
