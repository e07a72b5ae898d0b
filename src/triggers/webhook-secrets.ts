import { z } from "zod";
import { Slug } from "../domain/workflow-definition.js";

/** The shortest secret accepted: 32 characters (e.g. `openssl rand -hex 16`). */
export const MIN_WEBHOOK_SECRET = 32;

/**
 * WEBHOOK_SECRETS: `workflowId=secret` pairs separated by commas. Secrets live in configuration only:
 * never in Git, never in the store or an export.
 */
export const WebhookSecrets = z
  .string()
  .max(20_000)
  .transform((text, issue) => {
    const secrets = new Map<string, string>();
    for (const pair of text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const at = pair.indexOf("=");
      const workflowId = pair.slice(0, at);
      const secret = pair.slice(at + 1);
      if (at < 0 || !Slug.safeParse(workflowId).success) {
        issue.addIssue({ code: "custom", message: "expected workflowId=secret pairs separated by commas" });
        return z.NEVER;
      }
      if (secret.length < MIN_WEBHOOK_SECRET) {
        issue.addIssue({
          code: "custom",
          message: `${workflowId}'s secret needs at least ${MIN_WEBHOOK_SECRET} characters`,
        });
        return z.NEVER;
      }
      secrets.set(workflowId, secret);
    }
    return secrets as ReadonlyMap<string, string>;
  });
