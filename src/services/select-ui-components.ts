import type { BundleUi } from "../domain/bundle-ui.js";
import { celMessage, evaluateCel } from "../domain/cel-expression.js";
import type { UiComponent } from "../domain/workflow-definition.js";

/**
 * The components whose condition holds over `scope` (no condition: always), ordered by priority, lower
 * first, then as declared. A condition that throws (a missing field, a type mismatch) or gives
 * something other than true or false does not apply: it is listed in `skipped` with the reason.
 */
export function selectUiComponents(
  components: readonly UiComponent[],
  scope: Record<string, unknown>,
): Omit<BundleUi, "bundleId"> {
  const shown: BundleUi["components"] = [];
  const skipped: BundleUi["skipped"] = [];
  for (const { componentId, condition, priority, context } of components) {
    let applies = true;
    if (condition !== undefined) {
      try {
        const result = evaluateCel(condition, scope);
        if (typeof result !== "boolean") {
          skipped.push({ componentId, reason: `the condition gave ${JSON.stringify(result)}, not true or false` });
          continue;
        }
        applies = result;
      } catch (error) {
        skipped.push({ componentId, reason: celMessage(error) });
        continue;
      }
    }
    if (applies) shown.push({ componentId, priority, context });
  }
  // Array sort is stable, so equal priorities keep declaration order.
  return { components: shown.sort((a, b) => a.priority - b.priority), skipped };
}
