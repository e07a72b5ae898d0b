import type { z } from "zod";
import { ValidationError } from "../domain/errors.js";
import { fieldIssues } from "../domain/validation-issues.js";

/** Validates service input with its domain schema; failures are a 400 listing each field path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new ValidationError(`invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues });
  }
  return parsed.data;
}
