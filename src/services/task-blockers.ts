import type { Bundle } from "../domain/bundle.js";
import type { Ctx } from "../domain/ctx.js";
import type { Task } from "../domain/task.js";
import { approvedArtifactFor, fileOf, needsArtifact, needsFile, type ProofGap, proofGaps } from "./proof-gates.js";

const isOpen = (task: Task) => task.status === "todo" || task.status === "waiting";

/**
 * Why each open task of a bundle (or standalone tasks, with no bundle) could not be marked done now: the same gates completion checks, all
 * of them rather than the first. Files and artifacts are looked up only for tasks whose proof needs
 * one. Tasks with nothing missing are left out.
 */
export async function blockersOf(
  ctx: Ctx,
  bundle: Bundle | undefined,
  tasks: Task[],
): Promise<Map<string, ProofGap[]>> {
  const entries = await Promise.all(
    tasks.filter(isOpen).map(async (task) => {
      const [file, artifact] = await Promise.all([
        needsFile(task) ? fileOf(ctx, task.taskId) : undefined,
        needsArtifact(task) ? approvedArtifactFor(ctx, task) : undefined,
      ]);
      const gaps = proofGaps(task, bundle, {
        hasFile: file !== undefined,
        hasApprovedArtifact: artifact !== undefined,
      });
      return [task.taskId, gaps] as const;
    }),
  );
  return new Map(entries.filter(([, gaps]) => gaps.length > 0));
}
