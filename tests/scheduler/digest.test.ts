import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log/logger.js";
import type { Repository } from "../../src/repositories/repository.js";
import { mailerFor } from "../../src/scheduler/digest.js";
import { runTick } from "../../src/scheduler/tick.js";
import { pgliteBackend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { loadCatalog } from "../support/test-ctx.js";
import { movableCtx, withoutWorkflows } from "./scheduler-ctx.js";

type Received = { to: string[]; body: string };

describe("daily digest emails over SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let smtpUrl: string;
  let repo: Repository;
  const reader = f.user({ email: "reader@example.com", name: "Reader" });
  const quiet = f.user({ email: "quiet@example.com" });
  const gone = f.user({ email: "gone@example.com", disabled: true });

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, done) {
        let body = "";
        stream.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    repo = await pgliteBackend.open();
    for (const u of [reader, quiet, gone]) await repo.users.create(u, f.audit("user", u.userId));
    for (const over of [{ userId: reader.userId }, { userId: gone.userId }, {}])
      await repo.notifications.create(
        f.notification({ ...over, message: `Reminder for ${over.userId ?? "all"}` }),
        f.audit("notification", "x"),
      );
  });
  afterAll(async () => {
    await repo.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("sends one digest a day at DIGEST_HOUR to each person with undismissed reminders, and never twice", async () => {
    const catalog = withoutWorkflows(await loadCatalog());
    const settings = { teamTimeZone: "Europe/Berlin", digest: { smtpUrl, hour: 8, from: "work-engine@example.com" } };
    const mailer = mailerFor(smtpUrl);
    // 06:30 UTC is 07:30 in Berlin: before the digest hour.
    const early = movableCtx(repo, catalog, "2026-03-02T06:30:00.000Z", settings);
    expect((await runTick(early.ctx, { log: silentLogger, mailer })).emails).toBe(0);
    expect(received).toEqual([]);

    const clock = movableCtx(repo, catalog, "2026-03-02T07:05:00.000Z", settings);
    expect((await runTick(clock.ctx, { log: silentLogger, mailer })).emails).toBe(2);
    expect(received.map((r) => r.to).sort()).toEqual([["quiet@example.com"], ["reader@example.com"]]);
    const forReader = received.find((r) => r.to[0] === "reader@example.com")?.body ?? "";
    expect(forReader).toContain(`Reminder for ${reader.userId}`);
    expect(forReader).toContain("Reminder for all");
    expect(forReader).toContain("2 reminders for 2026-03-02");

    // Later the same day, and after a restart (a fresh context over the same store): nothing more.
    expect((await runTick(clock.at("2026-03-02T15:00:00.000Z"), { log: silentLogger, mailer })).emails).toBe(0);
    const restarted = movableCtx(repo, catalog, "2026-03-02T16:00:00.000Z", settings);
    expect((await runTick(restarted.ctx, { log: silentLogger, mailer: mailerFor(smtpUrl) })).emails).toBe(0);
    expect(received).toHaveLength(2);
    // The next day, the reminders still open are sent again.
    expect((await runTick(clock.at("2026-03-03T07:30:00.000Z"), { log: silentLogger, mailer })).emails).toBe(2);
  });

  it("sends nothing and fails nothing without SMTP_URL", async () => {
    const before = received.length;
    const ctx = movableCtx(repo, withoutWorkflows(await loadCatalog()), "2026-03-04T12:00:00.000Z").ctx;
    const result = await runTick(ctx, { log: silentLogger, mailer: mailerFor(undefined) });
    expect(result).toMatchObject({ emails: 0, failures: 0 });
    expect(received).toHaveLength(before);
  });
});
