import type { StepExecution } from "../domain/step-execution.js";

/*
 * Branch paths name where an attempt runs: "" at the top level; inside a branch,
 * `<parallel stepId>.<its visit>/<branchId>`, joined with "/" per level of nesting.
 */

/** The path of one branch of a parallel step's attempt. */
export function childPath(parallel: Pick<StepExecution, "branchPath" | "stepId" | "visit">, branchId: string): string {
  return `${childPrefix(parallel)}${branchId}`;
}

/** What every branch path under a parallel step's visit starts with. */
export function childPrefix(parallel: Pick<StepExecution, "branchPath" | "stepId" | "visit">): string {
  return `${parallel.branchPath ? `${parallel.branchPath}/` : ""}${parallel.stepId}.${parallel.visit}/`;
}

/** The parallel step (its path, ID and visit) and branch a non-empty branch path ends in. */
export function parentOf(branchPath: string): { branchPath: string; stepId: string; visit: number; branchId: string } {
  const parts = branchPath.split("/");
  const branchId = parts.at(-1) ?? "";
  const [stepId = "", visit = "0"] = (parts.at(-2) ?? "").split(".");
  return { branchPath: parts.slice(0, -2).join("/"), stepId, visit: Number(visit), branchId };
}
