import type { Artifact } from "../domain/artifact.js";
import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { ProofMissingError } from "../domain/errors.js";
import type { FileRecord } from "../domain/file-record.js";
import type { Task } from "../domain/task.js";
import type { Unchanged } from "../repositories/repository.js";

const isHttpUrl = (value: string | undefined) => {
  const trimmed = value?.trim() ?? "";
  return /^https?:\/\//i.test(trimmed) && URL.canParse(trimmed);
};
const filled = (value: string | undefined) => (value?.trim() ?? "") !== "";

/** A file of the task, other than `except`, if it has one: one index-led query of two items. */
export async function fileOf(ctx: Ctx, taskId: string, except?: string): Promise<FileRecord | undefined> {
  return (await ctx.repo.files.listByTask(taskId, { limit: 2 })).items.find((file) => file.fileId !== except);
}

/** Whether a task's proof needs a file (the required-file gate, or a file proof requirement). */
export const needsFile = (task: Task) =>
  task.requiresFile || (task.proofRequirement?.type === "file" && task.proofRequirement.required !== false);

/**
 * An approved artifact attached to the task or to its bundle, other than `except`: at most two
 * index-led queries of two items.
 */
export async function approvedArtifactFor(ctx: Ctx, task: Task, except?: string): Promise<Artifact | undefined> {
  const scopes = [{ taskId: task.taskId }, ...(task.bundleId ? [{ bundleId: task.bundleId }] : [])];
  for (const scope of scopes) {
    const page = await ctx.repo.artifacts.list({ ...scope, status: "approved" }, { limit: 2 });
    const found = page.items.find((a) => a.artifactId !== except);
    if (found) return found;
  }
  return undefined;
}

/** Whether a task's proof requirement is an approved artifact. */
export const needsArtifact = (task: Task) =>
  task.proofRequirement?.type === "artifact" && task.proofRequirement.required !== false;

/**
 * Every path to `done` passes these gates, in this order: required link, required file, required
 * bundle links, then the proof requirement by type. The first that fails is thrown. Returns the
 * records the proof rests on, for the write to keep unchanged.
 */
export async function checkProofGates(ctx: Ctx, task: Task, bundle: Bundle | undefined): Promise<Unchanged[]> {
  const file = needsFile(task) ? await fileOf(ctx, task.taskId) : undefined;
  const relied: Unchanged[] = file ? [{ entity: "file", id: file.fileId }] : [];
  if (task.requiredLinkName && !isHttpUrl(task.link)) {
    throw new ProofMissingError(
      `required link '${task.requiredLinkName}' is missing`,
      "required-link",
      task.requiredLinkName,
    );
  }
  if (task.requiresFile && !file) {
    throw new ProofMissingError("a required file has not been uploaded", "required-file", "file");
  }
  for (const name of task.validation?.requiredBundleLinks ?? []) {
    if (!filled(bundle?.links.find((link) => link.name === name)?.url)) {
      throw new ProofMissingError(`required bundle link '${name}' is missing`, "required-bundle-link", name);
    }
  }
  const proof = task.proofRequirement;
  if (!proof || proof.required === false) return relied;
  const artifact = proof.type === "artifact" ? await approvedArtifactFor(ctx, task) : undefined;
  const satisfied = {
    url: () => isHttpUrl(task.link),
    comment: () => filled(task.comment),
    "external-status": () => filled(task.externalStatus),
    file: () => file !== undefined,
    artifact: () => artifact !== undefined,
  }[proof.type];
  if (!(await satisfied())) {
    throw new ProofMissingError(`required ${proof.type} proof '${proof.label}' is missing`, "proof", proof.label);
  }
  if (artifact) relied.push({ entity: "artifact", id: artifact.artifactId, version: artifact.version });
  return relied;
}
