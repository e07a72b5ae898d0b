import { z } from "zod";

/*
 * What a workflow trigger (or an `event.wait` step) listens for. The short form is an event type or a
 * glob on it (`podcast.recording.uploaded`, `podcast.*`); the object form adds filters on the event's
 * `data`, as EventBridge patterns do: each field lists the values it may take, and a value is a plain
 * value (exact) or one of `{prefix}`, `{anything-but}`, `{numeric}`, `{exists}`. Matching lives in
 * src/triggers/event-pattern-match.ts.
 */

/** An event type: dot-separated words (`podcast.recording.uploaded`, `webhook.expense-approval`). */
export const EventType = z
  .string()
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9][A-Za-z0-9_-]*)*$/,
    "expected an event type such as podcast.recording.uploaded",
  );

/** An event type or a glob on it: `*` stands for any run of characters (dots included). */
export const EventTypeGlob = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/, "expected an event type or a glob on it such as podcast.*");

const Scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
const NUMERIC_OPERATORS = ["<", "<=", "=", ">=", ">"] as const;

/** `[">", 0, "<=", 100]`: one or two (operator, number) pairs that must all hold. */
const NumericRange = z
  .array(z.union([z.enum(NUMERIC_OPERATORS), z.number()]))
  .min(2)
  .max(4)
  .superRefine((items, issue) => {
    const shapeOk =
      items.length % 2 === 0 &&
      items.every((item, i) => (i % 2 === 0 ? typeof item === "string" : typeof item === "number"));
    if (!shapeOk)
      issue.addIssue({ code: "custom", message: 'expected operator/number pairs such as [">", 0, "<=", 100]' });
  });

export const ValueMatcher = z.union([
  Scalar,
  z.strictObject({ prefix: z.string().min(1).max(200) }),
  z.strictObject({ "anything-but": z.union([Scalar, z.array(Scalar).min(1).max(50)]) }),
  z.strictObject({ numeric: NumericRange }),
  z.strictObject({ exists: z.boolean() }),
]);
export type ValueMatcher = z.infer<typeof ValueMatcher>;

/**
 * Field name → the values it may take (any one matches), or a nested filter for an object field.
 * Named, because it nests itself: the API document refers to it instead of unfolding it forever.
 */
export type DataFilter = { [field: string]: ValueMatcher[] | DataFilter };
export const DataFilter: z.ZodType<DataFilter> = z
  .lazy(() =>
    z
      .record(z.string().min(1).max(200), z.union([z.array(ValueMatcher).min(1).max(50), DataFilter]))
      .refine(
        (filter) => Object.keys(filter).length > 0 && Object.keys(filter).length <= 50,
        "between 1 and 50 fields",
      ),
  )
  .meta({ id: "EventDataFilter" });

export const EventPattern = z.union([
  EventTypeGlob,
  z.strictObject({ type: EventTypeGlob, data: DataFilter.optional() }),
]);
export type EventPattern = z.infer<typeof EventPattern>;
