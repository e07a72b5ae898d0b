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

/** One gate a task does not pass yet, in words a person can act on. */
export type ProofGap = {
  gate: "required-link" | "required-file" | "required-bundle-link" | "proof";
  name: string;
  message: string;
};

/** What was found for a task's file and artifact gates (the other gates read the task and bundle alone). */
export type ProofEvidence = { hasFile: boolean; hasApprovedArtifact: boolean };

/**
 * Every gate the task would fail if it were marked done now, in the order they are checked: required
 * link, required file, required bundle links, then the proof requirement by type. No I/O.
 */
export function proofGaps(task: Task, bundle: Bundle | undefined, evidence: ProofEvidence): ProofGap[] {
  const gaps: ProofGap[] = [];
  if (task.requiredLinkName && !isHttpUrl(task.link)) {
    const name = task.requiredLinkName;
    gaps.push({ gate: "required-link", name, message: `required link '${name}' is missing` });
  }
  if (task.requiresFile && !evidence.hasFile) {
    gaps.push({ gate: "required-file", name: "file", message: "a required file has not been uploaded" });
  }
  for (const name of task.validation?.requiredBundleLinks ?? []) {
    if (!filled(bundle?.links.find((link) => link.name === name)?.url)) {
      gaps.push({ gate: "required-bundle-link", name, message: `required bundle link '${name}' is missing` });
    }
  }
  const proof = task.proofRequirement;
  if (!proof || proof.required === false) return gaps;
  const satisfied = {
    url: isHttpUrl(task.link),
    comment: filled(task.comment),
    "external-status": filled(task.externalStatus),
    file: evidence.hasFile,
    artifact: evidence.hasApprovedArtifact,
  }[proof.type];
  if (!satisfied) {
    gaps.push({
      gate: "proof",
      name: proof.label,
      message: `required ${proof.type} proof '${proof.label}' is missing`,
    });
  }
  return gaps;
}

/**
 * Every path to `done` passes the gates of `proofGaps`; the first that fails is thrown. Returns the
 * records the proof rests on, for the write to keep unchanged.
 */
export async function checkProofGates(ctx: Ctx, task: Task, bundle: Bundle | undefined): Promise<Unchanged[]> {
  const file = needsFile(task) ? await fileOf(ctx, task.taskId) : undefined;
  const artifact = needsArtifact(task) ? await approvedArtifactFor(ctx, task) : undefined;
  const [gap] = proofGaps(task, bundle, { hasFile: file !== undefined, hasApprovedArtifact: artifact !== undefined });
  if (gap) throw new ProofMissingError(gap.message, gap.gate, gap.name);
  const relied: Unchanged[] = file ? [{ entity: "file", id: file.fileId }] : [];
  if (artifact) relied.push({ entity: "artifact", id: artifact.artifactId, version: artifact.version });
  return relied;
}
