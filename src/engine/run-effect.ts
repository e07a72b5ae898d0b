import type { Ctx } from "../domain/ctx.js";
import { JsonObject } from "../domain/free-form-json.js";
import { derivedId } from "../domain/ids.js";
import { actionNamed } from "./actions/registry.js";
import { conditionScope } from "./condition-scope.js";
import type { ActionOutcome, ActionResult, Effect, RunView } from "./run-view.js";

const failed = (type: string, message: string, code?: string): ActionResult => ({
  status: "failed",
  error: code === undefined ? { type, message } : { type, code, message },
});

/**
 * A completed result whose output or variables no store can keep (Infinity, NaN, numbers past 2^53,
 * nesting past the limit) fails the step instead, so handlers can route it and the run never tries
 * to write what every backend would refuse.
 */
function storable(result: ActionResult): ActionResult {
  if (result.status !== "completed") return result;
  for (const [name, value] of [
    ["output", result.output],
    ["variables", result.writes?.variables],
  ] as const) {
    if (value === undefined) continue;
    const checked = JsonObject.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = [name, ...(issue?.path ?? [])].join(".");
      return failed("ActionError", `the action's ${where} cannot be stored: ${issue?.message}`, "OUTPUT_NOT_STORABLE");
    }
  }
  return result;
}

/**
 * Runs one effect (one delivery of one attempt's action) and says how it ended. Never throws: an
 * unknown action, a bad config, a thrown error and a passed deadline all become a failed result.
 */
export async function runEffect(ctx: Ctx, view: RunView, effect: Effect): Promise<ActionOutcome> {
  const outcome = (result: ActionResult): ActionOutcome => ({ stepExecutionId: effect.stepExecutionId, result });
  const module = actionNamed(effect.action.type);
  if (!module) return outcome(failed("ActionError", `unknown action ${effect.action.type}`));
  const config = module.config.safeParse(effect.action.config);
  if (!config.success) return outcome(failed("ValidationError", `bad config: ${config.error.issues[0]?.message}`));
  const record = view.steps.find((s) => s.stepExecutionId === effect.stepExecutionId);
  const data = record?.input ?? {};
  const controller = new AbortController();
  const left = effect.deadline ? Date.parse(effect.deadline) - Date.parse(ctx.clock.now()) : undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ActionResult>((resolve) => {
    if (left === undefined) return;
    timer = setTimeout(
      () => {
        controller.abort();
        resolve(failed("TimeoutError", `step ${effect.stepId} did not finish in time`));
      },
      Math.max(0, left),
    );
  });
  const created = Date.parse(view.bundle.createdAt);
  try {
    const run = module.run({
      config: config.data,
      idempotencyKey: effect.idempotencyKey,
      now: ctx.clock.now(),
      data,
      scope: conditionScope(view.bundle, view.steps, data),
      bundle: view.bundle,
      version: view.version,
      repo: ctx.repo,
      derivedId: (kind, seed) => derivedId(kind, created, seed),
      signal: controller.signal,
      startedAt: record?.startedAt ?? ctx.clock.now(),
      ctx,
    });
    return outcome(storable(await Promise.race([run, timedOut])));
  } catch (error) {
    return outcome(failed("ActionError", error instanceof Error ? error.message.slice(0, 2000) : String(error)));
  } finally {
    clearTimeout(timer);
  }
}
