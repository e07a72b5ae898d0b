import { createHash } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/task.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";
import { type Call, type Harness, startHarness } from "./harness.js";

function listFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFilesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`HTTP on ${backend.name}: files`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend, { maxFileBytes: 64 * 1024 });
    });
    afterAll(() => h.close());

    type UploadOptions = { as?: "operator" | "viewer"; harness?: Harness; type?: string };
    async function upload(taskId: string, bytes: Uint8Array, name: string, options: UploadOptions = {}) {
      const { as = "operator", harness = h, type = "audio/wav" } = options;
      const form = new FormData();
      form.set("taskId", taskId);
      form.set("category", "audio");
      form.set("file", new File([bytes], name, { type }));
      const res = await harness.app.request("/api/files", {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${harness.tokens[as]}` },
      });
      return { status: res.status, body: await res.json() } as Call;
    }
    async function podcast() {
      const res = await h.call("POST", "/api/bundles", {
        body: { workflowId: "podcast-episode", title: "Files", anchorDate: "2026-03-20" },
      });
      return (ref: string) => (res.body.tasks as Task[]).find((t) => t.templateTaskRef === ref) as Task;
    }

    it("stores the bytes under a key made of IDs, records checksum and size, and downloads them back", async () => {
      const by = await podcast();
      const bytes = new Uint8Array(40_000).map((_, i) => i % 251);
      const res = await upload(by("edit-audio").taskId, bytes, "../../etc/passwd");
      expect(res.status).toBe(201);
      const checksum = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
      expect(res.body).toMatchObject({
        taskId: by("edit-audio").taskId,
        sizeBytes: 40_000,
        checksum,
        storageProvider: "local-dev",
        contentType: "audio/wav",
        category: "audio",
        filename: "passwd",
      });
      expect(res.body.storageUri).toBe(`local-dev://files/${by("edit-audio").taskId}/${res.body.fileId}`);
      expect(listFilesUnder(h.filesDir).every((path) => path.startsWith(h.filesDir) && !path.includes("passwd"))).toBe(
        true,
      );
      const download = await h.app.request(`/api/files/${res.body.fileId}/download`, {
        headers: { authorization: `Bearer ${h.tokens.viewer}` },
      });
      expect(download.status).toBe(200);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
      expect(
        (await h.call("GET", `/api/files?taskId=${by("edit-audio").taskId}`, { as: "viewer" })).body.items,
      ).toHaveLength(1);
    });

    it("answers 404, not 500, when a file's bytes are gone from storage", async () => {
      const by = await podcast();
      const res = await upload(by("record").taskId, new Uint8Array([1, 2, 3]), "take.wav");
      for (const path of listFilesUnder(h.filesDir).filter((p) => p.endsWith(res.body.fileId))) rmSync(path);
      const download = await h.call("GET", `/api/files/${res.body.fileId}/download`, { as: "viewer" });
      expect(download.status).toBe(404);
      expect(download.body.error.code).toBe("not_found");
    });

    it("serves downloads as attachments, under the uploaded type only when it is inert", async () => {
      const by = await podcast();
      const served = [];
      for (const type of ["text/html", "image/svg+xml", "text/javascript", "application/xml", "image/png"]) {
        const res = await upload(by("record").taskId, new Uint8Array([60, 104, 49, 62]), 'naïve "cut".html', { type });
        expect([type, res.status, res.body.contentType]).toEqual([type, 201, type]);
        const download = await h.request("GET", `/api/files/${res.body.fileId}/download`, { as: "viewer" });
        served.push([type, download.headers.get("content-type"), download.headers.get("x-content-type-options")]);
        expect(download.headers.get("content-disposition")).toBe(
          `attachment; filename="na_ve _cut_.html"; filename*=UTF-8''na%C3%AFve%20_cut_.html`,
        );
      }
      expect(served).toEqual([
        ["text/html", "application/octet-stream", "nosniff"],
        ["image/svg+xml", "application/octet-stream", "nosniff"],
        ["text/javascript", "application/octet-stream", "nosniff"],
        ["application/xml", "application/octet-stream", "nosniff"],
        ["image/png", "image/png", "nosniff"],
      ]);
    });

    it("keeps requiresFile and an artifact proof distinct: a file completes the first, not the second", async () => {
      const by = await podcast();
      const audio = by("edit-audio");
      const done = () =>
        h.call("POST", `/api/tasks/${audio.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
      expect((await done()).body.error.details).toEqual({ gate: "required-file", name: "file" });
      await upload(audio.taskId, new Uint8Array([1, 2, 3]), "master.wav");
      expect((await done()).status).toBe(200);
      const transcript = by("transcript");
      await upload(transcript.taskId, new Uint8Array([4, 5, 6]), "transcript.txt");
      const blocked = await h.call("POST", `/api/tasks/${transcript.taskId}/complete`, {
        as: "operator",
        body: { expectedVersion: 1 },
      });
      expect(blocked.body.error.details).toEqual({ gate: "proof", name: "Approved transcript" });
    });

    it("refuses an oversized upload with 413, leaving no record and no bytes", async () => {
      const by = await podcast();
      const before = listFilesUnder(h.filesDir).length;
      const res = await upload(by("record").taskId, new Uint8Array(200 * 1024), "huge.wav");
      expect(res).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
      expect((await h.call("GET", `/api/files?taskId=${by("record").taskId}`)).body.items).toEqual([]);
      expect(listFilesUnder(h.filesDir).length).toBe(before);
    });

    it("refuses uploads by viewers, for unknown tasks, and without a file", async () => {
      const by = await podcast();
      expect((await upload(by("record").taskId, new Uint8Array([1]), "a.wav", { as: "viewer" })).status).toBe(403);
      expect((await upload("tsk_nope", new Uint8Array([1]), "a.wav")).status).toBe(404);
      const form = new FormData();
      form.set("taskId", by("record").taskId);
      const res = await h.app.request("/api/files", {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${h.tokens.operator}` },
      });
      expect(res.status).toBe(400);
    });

    it("holds the file part's type, name and the category to the record's own limits, before storing a byte", async () => {
      const by = await podcast();
      const before = listFilesUnder(h.filesDir).length;
      const longType = `application/${"x".repeat(291)}`;
      const res = await upload(by("record").taskId, new Uint8Array([1]), "a.bin", { type: longType });
      expect(res).toMatchObject({
        status: 400,
        body: { error: { code: "validation_failed", details: { issues: [{ path: "contentType" }] } } },
      });
      const form = new FormData();
      form.set("taskId", by("record").taskId);
      form.set("category", "c".repeat(81));
      form.set("file", new File([new Uint8Array([1])], "a.wav", { type: "audio/wav" }));
      const long = await h.app.request("/api/files", {
        method: "POST",
        body: form,
        headers: { authorization: `Bearer ${h.tokens.operator}` },
      });
      expect(long.status).toBe(400);
      expect((await h.call("GET", `/api/files?taskId=${by("record").taskId}`)).body.items).toEqual([]);
      expect(listFilesUnder(h.filesDir).length).toBe(before);
    });

    it("will not let the last file proving a done task disappear, and deletes others with their bytes", async () => {
      const by = await podcast();
      const audio = by("edit-audio");
      const first = await upload(audio.taskId, new Uint8Array([1]), "a.wav");
      await h.call("POST", `/api/tasks/${audio.taskId}/complete`, { as: "operator", body: { expectedVersion: 1 } });
      const second = await upload(audio.taskId, new Uint8Array([2]), "b.wav");
      expect((await h.call("DELETE", `/api/files/${second.body.fileId}`, { as: "operator" })).status).toBe(204);
      const refused = await h.call("DELETE", `/api/files/${first.body.fileId}`, { as: "operator" });
      expect(refused).toMatchObject({ status: 422, body: { error: { code: "invalid_transition" } } });
      expect((await h.call("GET", `/api/files/${first.body.fileId}`)).status).toBe(200);
      expect((await h.call("GET", `/api/files/${second.body.fileId}`)).status).toBe(404);
    });

    it("refuses an upload that would land on local disk in a production-like run, with 409", async () => {
      const prod = await startHarness(backend, { localStorageAllowed: false, storage: null });
      try {
        const res = await prod.call("POST", "/api/tasks", {
          as: "operator",
          body: { description: "x", date: "2026-03-03" },
        });
        const attempt = await upload(res.body.taskId, new Uint8Array([1]), "x.wav", { harness: prod });
        expect(attempt).toMatchObject({
          status: 409,
          body: { error: { code: "conflict", message: expect.stringContaining("ARTIFACTS_BUCKET") } },
        });
      } finally {
        await prod.close();
      }
    });
  });
}
