import type { CreateBundleInput } from "../domain/bundle-input.js";
import { MAX_RUN_INPUT_CHARS } from "../domain/bundle-input.js";
import type { Ctx } from "../domain/ctx.js";
import { dateIn } from "../domain/dates.js";
import { JsonObject } from "../domain/free-form-json.js";
import type { WorkflowVersion } from "../domain/workflow-version.js";
import { runInputIssues } from "../engine/input-schema.js";
import { applyTransform, TransformError } from "../transform/apply-transform.js";
import { patternMatches } from "./event-pattern-match.js";
import { eventTriggers } from "./event-triggers.js";

/** An event as triggers and transforms see it. */
export type TriggerEvent = { id: string; type: string; source: string; time: string; data: Record<string, unknown> };

/** A run an event will start: the workflow version and the bundle input. */
export type PlannedRun = { version: WorkflowVersion; input: CreateBundleInput };
export type PlanIssue = { path: string; message: string };

/**
 * Which workflows `event` starts, and with what input: for each published workflow (the latest
 * version), its first trigger whose pattern matches. A graph workflow's input is the transform's
 * result (the event's data without a transform), checked against its inputSchema; a checklist takes
 * no input. Issues name the workflow and the input path; any issue means the event starts nothing.
 */
export async function planTriggeredRuns(
  ctx: Ctx,
  event: TriggerEvent,
): Promise<{ runs: PlannedRun[]; issues: PlanIssue[] }> {
  const runs: PlannedRun[] = [];
  const issues: PlanIssue[] = [];
  const workflowIds = [...ctx.catalog.workflows.keys()].sort();
  for (const workflowId of workflowIds) {
    const catalogued = ctx.catalog.workflows.get(workflowId);
    if (!catalogued || !eventTriggers(catalogued.definition).some((t) => patternMatches(t.eventPattern, event)))
      continue;
    const version = await ctx.repo.workflowVersions.getLatest(workflowId);
    const trigger = version && eventTriggers(version.definition).find((t) => patternMatches(t.eventPattern, event));
    if (!version || !trigger) continue;
    const base = {
      workflowId,
      workflowVersionId: version.workflowVersionId,
      title: `${version.definition.name}: ${event.type} (${event.id})`.slice(0, 300),
      anchorDate: dateIn(event.time, ctx.scheduler.teamTimeZone),
    };
    if (!version.definition.steps) {
      runs.push({ version, input: base });
      continue;
    }
    const found = await runInput(version, trigger.transform, event);
    if ("issues" in found) issues.push(...found.issues.map((i) => ({ ...i, path: `${workflowId}.${i.path}` })));
    else runs.push({ version, input: { ...base, input: found.input } });
  }
  return { runs, issues };
}

async function runInput(
  version: WorkflowVersion,
  transform: Parameters<typeof applyTransform>[0] | undefined,
  event: TriggerEvent,
): Promise<{ input: Record<string, unknown> } | { issues: PlanIssue[] }> {
  let value: unknown = event.data;
  if (transform) {
    try {
      value = await applyTransform(transform, event);
    } catch (error) {
      if (!(error instanceof TransformError)) throw error;
      return { issues: [{ path: "transform", message: error.message }] };
    }
  }
  const stored = JsonObject.safeParse(value);
  if (!stored.success) {
    const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
    const what = Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
    const message = isObject
      ? `the input cannot be stored: ${stored.error.issues[0]?.message}`
      : `the transform gave ${what}; a run's input is a JSON object`;
    return { issues: [{ path: "input", message }] };
  }
  if (JSON.stringify(stored.data).length > MAX_RUN_INPUT_CHARS)
    return { issues: [{ path: "input", message: `more than ${MAX_RUN_INPUT_CHARS / 1024} KiB of JSON` }] };
  const issues = runInputIssues(version, stored.data);
  return issues.length > 0 ? { issues } : { input: stored.data };
}
