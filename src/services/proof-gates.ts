import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import { ProofMissingError } from "../domain/errors.js";
import type { Task } from "../domain/task.js";

const isHttpUrl = (value: string | undefined) => {
  const trimmed = value?.trim() ?? "";
  return /^https?:\/\//i.test(trimmed) && URL.canParse(trimmed);
};
const filled = (value: string | undefined) => (value?.trim() ?? "") !== "";

async function hasFile(ctx: Ctx, taskId: string) {
  return (await ctx.repo.files.listByTask(taskId, { limit: 1 })).items.length > 0;
}

/** An approved artifact attached to the task or to its bundle: at most two index-led queries of one item. */
async function hasApprovedArtifact(ctx: Ctx, task: Task) {
  const scopes = [{ taskId: task.taskId }, ...(task.bundleId ? [{ bundleId: task.bundleId }] : [])];
  for (const scope of scopes) {
    if ((await ctx.repo.artifacts.list({ ...scope, status: "approved" }, { limit: 1 })).items.length > 0) return true;
  }
  return false;
}

/**
 * Every path to `done` passes these gates, in this order: required link, required file, required
 * bundle links, then the proof requirement by type. The first that fails is thrown.
 */
export async function checkProofGates(ctx: Ctx, task: Task, bundle: Bundle | undefined): Promise<void> {
  if (task.requiredLinkName && !isHttpUrl(task.link)) {
    throw new ProofMissingError(
      `required link '${task.requiredLinkName}' is missing`,
      "required-link",
      task.requiredLinkName,
    );
  }
  if (task.requiresFile && !(await hasFile(ctx, task.taskId))) {
    throw new ProofMissingError("a required file has not been uploaded", "required-file", "file");
  }
  for (const name of task.validation?.requiredBundleLinks ?? []) {
    if (!filled(bundle?.links.find((link) => link.name === name)?.url)) {
      throw new ProofMissingError(`required bundle link '${name}' is missing`, "required-bundle-link", name);
    }
  }
  const proof = task.proofRequirement;
  if (!proof || proof.required === false) return;
  const satisfied = {
    url: () => isHttpUrl(task.link),
    comment: () => filled(task.comment),
    "external-status": () => filled(task.externalStatus),
    file: () => hasFile(ctx, task.taskId),
    artifact: () => hasApprovedArtifact(ctx, task),
  }[proof.type];
  if (!(await satisfied())) {
    throw new ProofMissingError(`required ${proof.type} proof '${proof.label}' is missing`, "proof", proof.label);
  }
}
