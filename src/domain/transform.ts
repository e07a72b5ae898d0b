import { z } from "zod";

/** A mapping from one JSON value to another, in JSONata or JMESPath: how an event becomes a run's input. */
export const Transform = z.strictObject({
  type: z.enum(["jsonata", "jmespath"]),
  expression: z.string().trim().min(1).max(5000),
});
export type Transform = z.infer<typeof Transform>;
