import { z } from "zod";
import { CelExpression } from "../../domain/cel-expression.js";
import type { Ctx } from "../../domain/ctx.js";
import { idSchema } from "../../domain/ids.js";
import type { StepError } from "../../domain/step-execution.js";
import { Email } from "../../domain/user.js";
import type { Repository } from "../../repositories/repository.js";
import { defineAction } from "./action-module.js";
import { expressionText } from "./expression-text.js";

const MAX_SUBJECT = 200;
const MAX_TEXT = 20_000;

const exactlyOne = (a: unknown, b: unknown) => (a === undefined) !== (b === undefined);

export const emailSend = defineAction({
  type: "email.send",
  description:
    "Sends a plain-text email from DIGEST_FROM through the SMTP_URL transport to `to`: user IDs (each " +
    "user's email; an unknown user fails with `ValidationError`/`USER_NOT_FOUND`, a disabled one with " +
    "`USER_DISABLED`) and addresses. The subject is `subject` or the value of the CEL `subjectExpression`, the " +
    "text `text` or `textExpression` (over data, input, steps, variables, bundle). The Message-ID is derived " +
    "from the idempotency key, so every delivery of one attempt sends the same message ID and a receiver can " +
    "drop a repeat. Without SMTP_URL the message is logged, not sent. A refused send fails with " +
    "`EmailError`/`SMTP_<reply code>` (`SEND_FAILED` without one). Output: `{sent, messageId, to}` (and " +
    "`rejected`, the addresses the server refused, when sent).",
  config: z
    .strictObject({
      to: z
        .array(z.union([idSchema("user"), Email]))
        .min(1)
        .max(20),
      subject: z
        .string()
        .trim()
        .min(1)
        .max(MAX_SUBJECT)
        .regex(/^[^\r\n]*$/, "one line")
        .optional(),
      subjectExpression: CelExpression.optional(),
      text: z.string().trim().min(1).max(MAX_TEXT).optional(),
      textExpression: CelExpression.optional(),
    })
    .refine((c) => exactlyOne(c.subject, c.subjectExpression), "give subject or subjectExpression")
    .refine((c) => exactlyOne(c.text, c.textExpression), "give text or textExpression"),
  example: {
    to: ["usr_accountant", "finance@example.com"],
    subjectExpression: "'Expense ' + variables.decision + ': ' + bundle.title",
    text: "The expense run has finished; see the bundle for details.",
  },
  inline: false,
  async run({ config, scope, idempotencyKey, repo, ctx }) {
    const to = await recipients(config.to, repo);
    if ("error" in to) return { status: "failed", error: to.error };
    const subject = expressionText(
      { text: config.subject, expression: config.subjectExpression, name: "subject", max: MAX_SUBJECT },
      scope,
    );
    if ("error" in subject) return { status: "failed", error: subject.error };
    const text = expressionText(
      { text: config.text, expression: config.textExpression, name: "text", max: MAX_TEXT },
      scope,
    );
    if ("error" in text) return { status: "failed", error: text.error };
    const message = {
      from: ctx.scheduler.digest.from,
      to: to.emails,
      // A header is one line: an expression's line breaks become spaces.
      subject: subject.text.replace(/\s+/g, " "),
      text: text.text,
      messageId: messageIdFor(idempotencyKey, ctx),
    };
    return send(message, ctx);
  },
});

type Message = { from: string; to: string[]; subject: string; text: string; messageId: string };

/** `<key@sender's domain>`: the same for every delivery of one attempt. */
function messageIdFor(idempotencyKey: string, ctx: Ctx): string {
  const domain = ctx.scheduler.digest.from.split("@").at(-1) || "work-engine.invalid";
  return `<${idempotencyKey}.email-send@${domain}>`;
}

async function send(message: Message, ctx: Ctx) {
  const output = { messageId: message.messageId, to: message.to };
  const { mailer, log } = ctx.engine;
  if (!mailer) {
    log?.info("email.send: no SMTP_URL, so the message is logged and not sent", {
      messageId: message.messageId,
      from: message.from,
      to: message.to.join(", "),
      subject: message.subject,
      text: message.text,
    });
    return { status: "completed" as const, output: { sent: false, ...output } };
  }
  try {
    const info: { rejected?: unknown } = await mailer.sendMail(message);
    const rejected = Array.isArray(info.rejected) ? info.rejected.map(addressOf) : [];
    return { status: "completed" as const, output: { sent: true, ...output, rejected } };
  } catch (error) {
    const { responseCode, message: why } = error as { responseCode?: unknown; message?: unknown };
    const code = typeof responseCode === "number" ? `SMTP_${responseCode}` : "SEND_FAILED";
    const failure: StepError = { type: "EmailError", code, message: `the message was not sent: ${String(why)}` };
    return { status: "failed" as const, error: { ...failure, message: failure.message.slice(0, 2000) } };
  }
}

/** nodemailer lists refused recipients as strings or `{name, address}`. */
const addressOf = (entry: unknown) =>
  typeof entry === "object" && entry !== null && "address" in entry ? String(entry.address) : String(entry);

/** Each recipient's address, in order, each once: a user ID becomes that user's email. */
async function recipients(to: string[], repo: Repository): Promise<{ emails: string[] } | { error: StepError }> {
  const emails: string[] = [];
  for (const entry of to) {
    let email = entry;
    if (!entry.includes("@")) {
      const user = await repo.users.get(entry);
      if (!user)
        return { error: { type: "ValidationError", code: "USER_NOT_FOUND", message: `user ${entry} does not exist` } };
      if (user.disabled)
        return { error: { type: "ValidationError", code: "USER_DISABLED", message: `user ${entry} is disabled` } };
      email = user.email;
    }
    if (!emails.some((e) => e.toLowerCase() === email.toLowerCase())) emails.push(email);
  }
  return { emails };
}
