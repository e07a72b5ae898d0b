import type { Artifact } from "../domain/artifact.js";
import type { Ctx } from "../domain/ctx.js";
import { ValidationError } from "../domain/errors.js";
import { ListArtifactsQuery } from "../domain/list-queries.js";
import type { Page } from "../repositories/pagination.js";
import { found, requireRole } from "./access.js";
import { parseInput } from "./parse-input.js";

export async function getArtifact(ctx: Ctx, artifactId: string): Promise<Artifact> {
  requireRole(ctx, "viewer");
  return found(await ctx.repo.artifacts.get(artifactId), "artifact", artifactId);
}

/** Any combination of taskId, bundleId, assistantJobId, fileId, status and type; at least one. */
export async function listArtifacts(ctx: Ctx, raw: unknown): Promise<Page<Artifact>> {
  requireRole(ctx, "viewer");
  const { limit, cursor, ...filter } = parseInput(ListArtifactsQuery, raw);
  if (Object.values(filter).every((v) => v === undefined)) {
    throw new ValidationError("filter by at least one of taskId, bundleId, assistantJobId, fileId, status, type", {
      issues: [{ path: "(query)", message: "no filter" }],
    });
  }
  return ctx.repo.artifacts.list(filter, { limit, cursor });
}

/** The artifacts of a bundle's tasks in one read, by task then artifact, at most `limit` (`truncated` says more exist). */
export async function artifactsOfTasks(
  ctx: Ctx,
  taskIds: string[],
  limit: number,
): Promise<{ items: Artifact[]; truncated: boolean }> {
  requireRole(ctx, "viewer");
  return ctx.repo.artifacts.listForTasks(taskIds, limit);
}
