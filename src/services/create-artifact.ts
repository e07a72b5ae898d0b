import type { Artifact } from "../domain/artifact.js";
import { CreateArtifactInput } from "../domain/artifact-input.js";
import type { Ctx } from "../domain/ctx.js";
import { checkOwnedObject, checkStorageUri } from "../domain/storage-policy.js";
import { found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

/** The IDs an artifact points at must exist (404 naming the first that does not). */
export async function requireRelated(
  ctx: Ctx,
  ids: { taskId?: string; bundleId?: string; assistantJobId?: string; fileId?: string },
) {
  if (ids.taskId) found(await ctx.repo.tasks.get(ids.taskId), "task", ids.taskId);
  if (ids.bundleId) found(await ctx.repo.bundles.get(ids.bundleId), "bundle", ids.bundleId);
  if (ids.assistantJobId)
    found(await ctx.repo.assistantJobs.get(ids.assistantJobId), "assistantJob", ids.assistantJobId);
  if (ids.fileId) found(await ctx.repo.files.get(ids.fileId), "file", ids.fileId);
}

/** Registers an artifact (a link, an upload, an assistant output) under the storage policy. */
export async function createArtifact(ctx: Ctx, raw: unknown): Promise<Artifact> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(CreateArtifactInput, raw);
  const storageProvider = checkStorageUri(input.storageUri, input.storageProvider, ctx.policy.localStorageAllowed);
  checkOwnedObject(storageProvider, input.checksum, input.sizeBytes);
  await requireRelated(ctx, input);
  const now = ctx.clock.now();
  const artifact: Artifact = {
    ...input,
    storageProvider,
    tags: input.tags ?? [],
    artifactId: ctx.ids.next("artifact"),
    createdBy: actor.userId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.repo.artifacts.create(
    artifact,
    auditEvent(ctx, "artifact", artifact.artifactId, "created", {
      after: { status: artifact.status, storageProvider, taskId: artifact.taskId, bundleId: artifact.bundleId },
    }),
  );
}
