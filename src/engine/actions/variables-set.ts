import { z } from "zod";
import { CelExpression, celMessage, evaluateCel } from "../../domain/cel-expression.js";
import { defineAction } from "./action-module.js";

const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "expected a variable name");

export const variablesSet = defineAction({
  type: "variables.set",
  description:
    "Sets run variables: `values` as given, `expressions` as the value of a CEL expression over data, input, " +
    "steps, variables and bundle. The step's output is the variables it set.",
  config: z
    .strictObject({
      values: z.record(Name, z.unknown()).optional(),
      expressions: z.record(Name, CelExpression).optional(),
    })
    .refine((c) => Object.keys({ ...c.values, ...c.expressions }).length > 0, "set at least one variable"),
  example: { values: { approved: true }, expressions: { total: "data.amount * 1.2" } },
  inline: true,
  async run({ config, scope }) {
    const set: Record<string, unknown> = { ...config.values };
    for (const [name, expression] of Object.entries(config.expressions ?? {})) {
      try {
        set[name] = evaluateCel(expression, scope);
      } catch (error) {
        const message = `expression for ${name} failed: ${celMessage(error)}`;
        return { status: "failed", error: { type: "ExpressionError", code: "EXPRESSION_FAILED", message } };
      }
    }
    return { status: "completed", output: set, writes: { variables: set } };
  },
});
