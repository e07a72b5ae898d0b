import type { Artifact } from "../domain/artifact.js";
import { UpdateArtifactInput } from "../domain/artifact-input.js";
import type { Ctx } from "../domain/ctx.js";
import { atVersion, found, requireRole } from "./access.js";
import { auditEvent } from "./audit.js";
import { parseInput } from "./parse-input.js";

/** Edits an artifact's descriptive metadata; status and relationships change only through actions. */
export async function updateArtifact(ctx: Ctx, artifactId: string, raw: unknown): Promise<Artifact> {
  requireRole(ctx, "operator");
  const { expectedVersion, ...patch } = parseInput(UpdateArtifactInput, raw);
  const artifact = atVersion(
    found(await ctx.repo.artifacts.get(artifactId), "artifact", artifactId),
    expectedVersion,
    "artifact",
    artifactId,
  );
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next: Artifact = { ...artifact, ...defined, version: artifact.version + 1, updatedAt: ctx.clock.now() };
  return ctx.repo.artifacts.update(
    next,
    artifact.version,
    auditEvent(ctx, "artifact", artifactId, "updated", { after: { fields: Object.keys(defined) } }),
  );
}
