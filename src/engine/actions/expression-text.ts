import { celMessage, evaluateCel } from "../../domain/cel-expression.js";
import type { StepError } from "../../domain/step-execution.js";

/**
 * Text an action's config gives either as written or as a CEL expression over the step's scope
 * (data, input, steps, variables, bundle): the expression's value as a string, trimmed and clipped
 * to `max`. An expression that fails or gives empty text is an `ExpressionError` the step fails with.
 */
export function expressionText(
  given: { text?: string; expression?: string; name: string; max: number },
  scope: Record<string, unknown>,
): { text: string } | { error: StepError } {
  if (given.expression === undefined) return { text: given.text ?? "" };
  let text: string;
  try {
    text = String(evaluateCel(given.expression, scope)).trim().slice(0, given.max);
  } catch (error) {
    return { error: { type: "ExpressionError", code: "EXPRESSION_FAILED", message: celMessage(error).slice(0, 2000) } };
  }
  if (text === "")
    return { error: { type: "ExpressionError", code: "EMPTY_MESSAGE", message: `the ${given.name} is empty` } };
  return { text };
}
