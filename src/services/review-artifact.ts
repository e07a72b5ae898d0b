import type { Artifact } from "../domain/artifact.js";
import { ARTIFACT_ACTION_INPUTS, type ArtifactAction } from "../domain/artifact-input.js";
import type { Ctx } from "../domain/ctx.js";
import { transitionRefused, ValidationError } from "../domain/errors.js";
import { atVersion, found, requireRole } from "./access.js";
import { keepDoneTasksProven } from "./artifact-proof-guard.js";
import { auditEvent } from "./audit.js";
import { requireRelated } from "./create-artifact.js";
import { parseInput } from "./parse-input.js";

type Status = Artifact["status"];
type Input = { expectedVersion: number; reason?: string; supersededBy?: string; taskId?: string; bundleId?: string };

/** The review state machine: which statuses each action leaves from, and where it goes. */
const MOVES: Record<Exclude<ArtifactAction, "attach">, { from: Status[]; to: Status }> = {
  submit: { from: ["draft", "rejected"], to: "needs-review" },
  approve: { from: ["needs-review"], to: "approved" },
  reject: { from: ["needs-review"], to: "rejected" },
  archive: { from: ["approved", "rejected"], to: "archived" },
  supersede: { from: ["approved"], to: "superseded" },
};

function allowedFrom(action: keyof typeof MOVES, artifact: Artifact): Status[] {
  // A link someone registered by hand can be approved straight from draft: there is nothing more to review.
  const from = MOVES[action].from;
  return action === "approve" && artifact.sourceType === "manual-link" ? [...from, "draft"] : from;
}

/** submit / approve / reject / archive / supersede / attach, each version-checked and audited. */
export async function actOnArtifact(
  ctx: Ctx,
  artifactId: string,
  action: ArtifactAction,
  raw: unknown,
): Promise<Artifact> {
  const actor = requireRole(ctx, "operator");
  const input = parseInput(ARTIFACT_ACTION_INPUTS[action], raw) as Input;
  const artifact = atVersion(
    found(await ctx.repo.artifacts.get(artifactId), "artifact", artifactId),
    input.expectedVersion,
    "artifact",
    artifactId,
  );
  const now = ctx.clock.now();
  let next: Artifact;
  if (action === "attach") {
    await requireRelated(ctx, input);
    next = { ...artifact, taskId: input.taskId ?? artifact.taskId, bundleId: input.bundleId ?? artifact.bundleId };
  } else {
    const from = allowedFrom(action, artifact);
    if (!from.includes(artifact.status)) {
      throw transitionRefused("an artifact", action, artifact.status, from);
    }
    next = { ...artifact, status: MOVES[action].to };
    if (action === "approve" || action === "reject") Object.assign(next, { reviewedBy: actor.userId, reviewedAt: now });
    if (action === "supersede") {
      if (input.supersededBy === artifactId)
        throw new ValidationError("an artifact cannot supersede itself", {
          issues: [{ path: "supersededBy", message: "same artifact" }],
        });
      found(await ctx.repo.artifacts.get(input.supersededBy ?? ""), "artifact", input.supersededBy ?? "");
      next.supersededBy = input.supersededBy;
    }
  }
  const saved: Artifact = { ...next, version: artifact.version + 1, updatedAt: now };
  const verb = {
    submit: "submitted",
    approve: "approved",
    reject: "rejected",
    archive: "archived",
    supersede: "superseded",
    attach: "attached",
  }[action];
  const unchanged = await keepDoneTasksProven(ctx, artifact, saved);
  return ctx.repo.artifacts.update(
    saved,
    artifact.version,
    auditEvent(ctx, "artifact", artifactId, verb, {
      before: { status: artifact.status, taskId: artifact.taskId, bundleId: artifact.bundleId },
      after: {
        status: saved.status,
        taskId: saved.taskId,
        bundleId: saved.bundleId,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.supersededBy ? { supersededBy: input.supersededBy } : {}),
      },
    }),
    unchanged,
  );
}
