import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import { emailSend } from "../../src/engine/actions/email-send.js";
import { getRun } from "../../src/engine/run-service.js";
import { createLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { mailerFor } from "../../src/scheduler/digest.js";
import { DEFAULT_SCHEDULER_SETTINGS } from "../../src/scheduler/settings.js";
import { instantiateBundle } from "../../src/services/instantiate-bundle.js";
import { runAction } from "../support/action-context.js";
import { pgliteBackend } from "../support/backends.js";
import { engineClock } from "../support/engine-clock.js";
import * as f from "../support/fixtures.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";

type Received = { from: string; to: string[]; raw: string };
const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(raw)?.[1]?.trim();
const FROM = "work-engine@example.com";

describe("email.send", () => {
  const received: Received[] = [];
  const logged: Record<string, unknown>[] = [];
  let server: SMTPServer;
  let smtpUrl: string;
  let repo: Repository;
  let ctx: Ctx;
  const reader = f.user({ email: "reader@example.com" });
  const gone = f.user({ disabled: true });
  const scope = {
    data: { total: 42 },
    input: { orderId: "o-9" },
    steps: {},
    variables: {},
    bundle: { title: "March" },
  };

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onRcptTo(address, _session, done) {
        done(
          address.address.startsWith("blocked@")
            ? Object.assign(new Error("no such mailbox"), { responseCode: 550 })
            : undefined,
        );
      },
      onData(stream, session, done) {
        let raw = "";
        stream.on("data", (chunk: Buffer) => {
          raw += chunk.toString();
        });
        stream.on("end", () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    repo = await pgliteBackend.open();
    for (const u of [reader, gone]) await repo.users.create(u, f.audit("user", u.userId));
    const base = testCtx(repo, await loadCatalog());
    const log = createLogger("info", (line) => logged.push(JSON.parse(line)));
    ctx = {
      ...base,
      scheduler: {
        ...DEFAULT_SCHEDULER_SETTINGS,
        digest: { ...DEFAULT_SCHEDULER_SETTINGS.digest, smtpUrl, from: FROM },
      },
      engine: { ...base.engine, mailer: mailerFor(smtpUrl), log },
    };
  });
  afterAll(async () => {
    await repo.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const send = (config: Record<string, unknown>, idempotencyKey: string, over: Partial<Ctx> = {}) =>
    runAction(emailSend, config, { ctx: { ...ctx, ...over }, scope, idempotencyKey });

  it("delivers to users' and plain addresses, each once, with the subject and text its expressions give", async () => {
    const result = await send(
      {
        to: [reader.userId, "ops@example.com", "Reader@example.com"],
        subjectExpression: "'Order ' + input.orderId + '\\nready'",
        textExpression: "'Total: ' + string(data.total) + ' for ' + bundle.title",
      },
      "stx_mail-1",
    );
    const messageId = "<stx_mail-1.email-send@example.com>";
    expect(result).toEqual({
      status: "completed",
      output: { sent: true, messageId, to: ["reader@example.com", "ops@example.com"], rejected: [] },
    });
    const [mail, ...more] = received;
    expect(more).toEqual([]);
    expect(mail?.from).toBe(FROM);
    expect(mail?.to).toEqual(["reader@example.com", "ops@example.com"]);
    expect(header(mail?.raw ?? "", "Subject")).toBe("Order o-9 ready");
    expect(header(mail?.raw ?? "", "Message-ID")).toBe(messageId);
    expect(mail?.raw).toContain("Total: 42 for March");
  });

  it("gives every delivery of one attempt the same Message-ID, and another attempt a new one", async () => {
    const config = { to: ["ops@example.com"], subject: "Again", text: "Same message" };
    received.length = 0;
    await send(config, "stx_mail-2");
    await send(config, "stx_mail-2");
    await send(config, "stx_mail-3");
    expect(received.map((m) => header(m.raw, "Message-ID"))).toEqual([
      "<stx_mail-2.email-send@example.com>",
      "<stx_mail-2.email-send@example.com>",
      "<stx_mail-3.email-send@example.com>",
    ]);
  });

  it("without a mail transport (no SMTP_URL) logs the message and sends nothing", async () => {
    received.length = 0;
    logged.length = 0;
    const unsent = { ...ctx.engine, mailer: undefined };
    const result = await send(
      { to: [reader.userId], subjectExpression: "'Logged\\nline'", text: "Only in the log" },
      "stx_mail-4",
      {
        engine: unsent,
      },
    );
    expect(result).toEqual({
      status: "completed",
      output: { sent: false, messageId: "<stx_mail-4.email-send@example.com>", to: ["reader@example.com"] },
    });
    expect(received).toEqual([]);
    expect(logged).toEqual([
      expect.objectContaining({
        level: "info",
        to: "reader@example.com",
        subject: "Logged line",
        text: "Only in the log",
        messageId: "<stx_mail-4.email-send@example.com>",
      }),
    ]);
  });

  it("fails on an unknown or disabled user, sending to no one", async () => {
    received.length = 0;
    const unknown = await send({ to: ["ops@example.com", "usr_nobody"], subject: "s", text: "t" }, "stx_mail-5");
    expect(unknown).toEqual({
      status: "failed",
      error: { type: "ValidationError", code: "USER_NOT_FOUND", message: "user usr_nobody does not exist" },
    });
    const disabled = await send({ to: [gone.userId], subject: "s", text: "t" }, "stx_mail-6");
    expect(disabled).toMatchObject({ status: "failed", error: { code: "USER_DISABLED" } });
    expect(received).toEqual([]);
  });

  it("fails with the server's reply code when it refuses every recipient, and on a failed expression", async () => {
    const refused = await send({ to: ["blocked@example.com"], subject: "s", text: "t" }, "stx_mail-7");
    expect(refused).toMatchObject({ status: "failed", error: { type: "EmailError", code: "SMTP_550" } });
    const broken = await send({ to: ["ops@example.com"], subjectExpression: "input.missing", text: "t" }, "stx_mail-8");
    expect(broken).toMatchObject({ status: "failed", error: { type: "ExpressionError", code: "EXPRESSION_FAILED" } });
    const empty = await send({ to: ["ops@example.com"], subject: "s", textExpression: "'  '" }, "stx_mail-9");
    expect(empty).toMatchObject({ error: { code: "EMPTY_MESSAGE", message: "the text is empty" } });
  });

  it("takes one of subject or subjectExpression, one of text or textExpression, and at most 20 recipients", () => {
    const ok = { to: ["ops@example.com"], subject: "s", text: "t" };
    expect(emailSend.config.safeParse(ok).success).toBe(true);
    expect(emailSend.config.safeParse({ ...ok, subjectExpression: "'s'" }).success).toBe(false);
    expect(emailSend.config.safeParse({ ...ok, text: undefined }).success).toBe(false);
    expect(emailSend.config.safeParse({ ...ok, subject: "a\r\nBcc: x@example.com" }).success).toBe(false);
    expect(emailSend.config.safeParse({ ...ok, to: ["not an address"] }).success).toBe(false);
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.com`);
    expect(emailSend.config.safeParse({ ...ok, to: many }).success).toBe(false);
  });

  it("runs in a workflow's worker through the process's transport, recording what it sent", async () => {
    const operator = f.user({ role: "operator" });
    await repo.users.create(operator, f.audit("user", operator.userId));
    const clock = engineClock(repo, await loadCatalog(), "2026-03-02T09:00:00.000Z", ctx.engine);
    const workflow = {
      workflowId: "email-run",
      name: "email",
      type: "test",
      stages: ["preparation", "done"],
      tasks: [
        {
          refId: "tell",
          description: "tell",
          action: {
            type: "email.send",
            config: { to: [reader.userId], subjectExpression: "'Run ' + input.orderId", text: "Done." },
          },
        },
      ],
      steps: [{ stepId: "tell", taskId: "tell" }],
    };
    await clock.publish(workflow);
    const as = clock.as(operator);
    const { bundle } = await instantiateBundle(as, {
      workflowId: "email-run",
      title: "email",
      anchorDate: "2026-03-02",
      input: { orderId: "o-10" },
    });
    received.length = 0;
    await clock.runUntilIdle();
    const run = await getRun(as, bundle.bundleId);
    const tell = run.steps.find((s) => s.stepId === "tell");
    expect(run.runStatus).toBe("completed");
    expect(tell?.output).toMatchObject({ sent: true, to: ["reader@example.com"] });
    expect(received.map((m) => [m.to, header(m.raw, "Subject"), header(m.raw, "Message-ID")])).toEqual([
      [["reader@example.com"], "Run o-10", `<${tell?.stepExecutionId}.email-send@localhost>`],
    ]);
  });
});
