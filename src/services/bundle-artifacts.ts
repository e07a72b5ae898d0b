import type { Artifact } from "../domain/artifact.js";
import { CreateArtifactInput } from "../domain/artifact-input.js";
import type { Ctx } from "../domain/ctx.js";
import { ValidationError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";
import { found, requireRole } from "./access.js";
import { createArtifact } from "./create-artifact.js";
import { deleteFile } from "./delete-file.js";
import { parseInput } from "./parse-input.js";
import { uploadFile } from "./upload-file.js";

/** What a person registers on a bundle's artifacts page: a link, or a file, for the bundle or one of its tasks. */
export type BundleLinkInput = {
  title?: string;
  storageUri?: string;
  type?: string;
  description?: string;
  taskId?: string;
};
export type BundleUploadInput = { taskId?: string; file: unknown; title?: string; type?: string };

/** What people register by hand; assistant outputs come from assistant jobs. */
const HandMade = CreateArtifactInput.pick({ type: true, title: true }).refine((a) => a.type !== "assistant-output", {
  message: "assistant outputs come from assistant jobs",
  path: ["type"],
});

/** The task, when it is one of the bundle's; otherwise a 400 naming the field. */
async function taskOfBundle(ctx: Ctx, bundleId: string, taskId: string | undefined): Promise<Task> {
  const task = taskId ? await ctx.repo.tasks.get(taskId) : undefined;
  if (!task || task.bundleId !== bundleId) {
    throw new ValidationError("choose one of this bundle's tasks", {
      issues: [{ path: "taskId", message: "not a task of this bundle" }],
    });
  }
  return task;
}

/**
 * Registers a link (nothing uploaded) on the bundle, or on one of its tasks, waiting for review. A
 * task's artifact proves that task only; the bundle's proves any of its tasks' artifact proof.
 */
export async function registerLink(ctx: Ctx, bundleId: string, input: BundleLinkInput): Promise<Artifact> {
  requireRole(ctx, "operator");
  found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
  parseInput(HandMade, { type: input.type, title: input.title });
  const scope = input.taskId ? { taskId: (await taskOfBundle(ctx, bundleId, input.taskId)).taskId } : { bundleId };
  const { taskId: _chosen, ...fields } = input;
  return createArtifact(ctx, { ...fields, ...scope, status: "needs-review", sourceType: "manual-link" });
}

/**
 * Uploads a file for one of a bundle's tasks and registers it as that task's artifact waiting for
 * review. Everything is checked before a byte is stored; should the artifact still be refused, the
 * file is deleted again, so a refused upload never leaves a file that would satisfy a file gate.
 */
export async function registerUpload(ctx: Ctx, bundleId: string, input: BundleUploadInput): Promise<Artifact> {
  requireRole(ctx, "operator");
  found(await ctx.repo.bundles.get(bundleId), "bundle", bundleId);
  const task = await taskOfBundle(ctx, bundleId, input.taskId);
  const named = (input.file as { name?: unknown } | undefined)?.name;
  const title = input.title?.trim() || (typeof named === "string" ? named : undefined);
  const checked = parseInput(HandMade, { type: input.type ?? "other", title });
  const file = await uploadFile(ctx, { taskId: task.taskId, file: input.file });
  try {
    return await createArtifact(ctx, {
      ...checked,
      title: input.title?.trim() || file.filename,
      status: "needs-review",
      storageProvider: file.storageProvider,
      storageUri: file.storageUri,
      filename: file.filename,
      contentType: file.contentType,
      checksum: file.checksum,
      sizeBytes: file.sizeBytes,
      taskId: task.taskId,
      fileId: file.fileId,
      sourceType: "manual-upload",
    });
  } catch (error) {
    await deleteFile(ctx, file.fileId).catch(() => undefined);
    throw error;
  }
}

/** The bundle an artifact is shown under: its own, or its task's. */
export async function bundleOfArtifact(ctx: Ctx, artifactId: string): Promise<string> {
  requireRole(ctx, "viewer");
  const artifact = found(await ctx.repo.artifacts.get(artifactId), "artifact", artifactId);
  const task = artifact.taskId ? await ctx.repo.tasks.get(artifact.taskId) : undefined;
  const bundleId = artifact.bundleId ?? task?.bundleId;
  if (!bundleId) throw new ValidationError("this artifact belongs to no bundle; review it through the API");
  return bundleId;
}
