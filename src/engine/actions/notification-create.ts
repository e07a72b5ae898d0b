import { z } from "zod";
import { CelExpression } from "../../domain/cel-expression.js";
import { idSchema } from "../../domain/ids.js";
import type { Notification } from "../../domain/notification.js";
import { defineAction } from "./action-module.js";
import { expressionText } from "./expression-text.js";

export const notificationCreate = defineAction({
  type: "notification.create",
  description:
    "Raises a `workflow-message` notification to `userId`, or to everyone when absent. The text is " +
    "`message`, or the value of the CEL `messageExpression` (over data, input, steps, variables, bundle). " +
    "Output: `{notificationId}`. A repeated delivery raises nothing new.",
  config: z
    .strictObject({
      message: z.string().trim().min(1).max(1000).optional(),
      messageExpression: CelExpression.optional(),
      userId: idSchema("user").optional(),
    })
    .refine(
      (c) => (c.message === undefined) !== (c.messageExpression === undefined),
      "give message or messageExpression",
    ),
  example: { messageExpression: "'Expense ' + variables.decision", userId: "usr_editor" },
  inline: true,
  async run({ config, bundle, now, repo, derivedId, idempotencyKey, scope }) {
    if (config.userId && !(await repo.users.get(config.userId)))
      return {
        status: "failed",
        error: { type: "ValidationError", code: "USER_NOT_FOUND", message: `user ${config.userId} does not exist` },
      };
    const made = expressionText(
      { text: config.message, expression: config.messageExpression, name: "message", max: 1000 },
      scope,
    );
    if ("error" in made) return { status: "failed", error: made.error };
    const message = made.text;
    const notification: Notification = {
      notificationId: derivedId("notification", `notification.create|${idempotencyKey}`),
      type: "workflow-message",
      userId: config.userId,
      bundleId: bundle.bundleId,
      message,
      dueAt: now,
      dedupeKey: `workflow:${idempotencyKey}`,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const output = { notificationId: notification.notificationId };
    return { status: "completed", output, writes: { notifications: [notification] } };
  },
});
