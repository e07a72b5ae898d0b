import { z } from "zod";
import { HttpUrl } from "./common.js";

export const PROOF_TYPES = ["url", "file", "artifact", "comment", "external-status"] as const;
export const ProofType = z.enum(PROOF_TYPES);

/** What a task must carry before it can be done; `required: false` turns the gate off. */
export const ProofRequirement = z.strictObject({
  type: ProofType,
  label: z.string().trim().min(1).max(200),
  required: z.boolean().default(true),
});
export type ProofRequirement = z.infer<typeof ProofRequirement>;

/** Extra completion checks; `requiredBundleLinks` names bundle links that need a URL. */
export const TaskValidation = z.strictObject({
  requiredBundleLinks: z.array(z.string().trim().min(1)).max(20).optional(),
  checklist: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
});
export type TaskValidation = z.infer<typeof TaskValidation>;

/**
 * Docs-in-context: where the process document for a task lives. `instructionDocId` resolves through
 * the document registry (`content/docs/*.md` frontmatter `id`); `instructionsUrl` is a legacy fallback.
 */
export const DocContext = z.strictObject({
  instructionDocId: z.string().trim().min(1).max(120).optional(),
  instructionStepId: z.string().trim().min(1).max(120).optional(),
  phase: z.string().trim().min(1).max(120).optional(),
  systems: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
  validation: TaskValidation.optional(),
  instructionsUrl: HttpUrl.optional(),
});
export type DocContext = z.infer<typeof DocContext>;
