import { describe, expect, it } from "vitest";
import { WebhookSecrets } from "../../src/triggers/webhook-secrets.js";
import { checkSignature, webhookSignature } from "../../src/triggers/webhook-signature.js";

const secret = "s".repeat(40);
const now = Date.parse("2026-11-24T12:00:00.000Z");
const ts = String(now / 1000);
const body = '{"amount":12}';

describe("webhook signatures", () => {
  it("accept HMAC-SHA256 of timestamp.body within five minutes either way", () => {
    const signature = webhookSignature(secret, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(checkSignature(secret, ts, signature, body, now)).toEqual({ ok: true, at: new Date(now) });
    expect(checkSignature(secret, ts, signature, body, now + 300_000).ok).toBe(true);
    expect(checkSignature(secret, ts, signature, body, now - 300_000).ok).toBe(true);
  });

  it("refuse a stale or future timestamp, a changed body, another secret, a missing header", () => {
    const signature = webhookSignature(secret, ts, body);
    expect(checkSignature(secret, ts, signature, body, now + 300_001)).toMatchObject({ ok: false, reason: /window/ });
    expect(checkSignature(secret, ts, signature, body, now - 300_001)).toMatchObject({ ok: false });
    expect(checkSignature(secret, ts, signature, '{"amount":13}', now)).toMatchObject({ ok: false, reason: /match/ });
    expect(checkSignature("t".repeat(40), ts, signature, body, now)).toMatchObject({ ok: false });
    expect(checkSignature(secret, undefined, signature, body, now)).toMatchObject({ ok: false });
    expect(checkSignature(secret, "12.5", signature, body, now)).toMatchObject({ ok: false });
    expect(checkSignature(undefined, ts, signature, body, now)).toMatchObject({ ok: false });
    // The timestamp is part of what is signed: moving it breaks the signature.
    const later = String(now / 1000 + 1);
    expect(checkSignature(secret, later, signature, body, now)).toMatchObject({ ok: false, reason: /match/ });
  });

  it("read WEBHOOK_SECRETS as workflowId=secret pairs, refusing short secrets", () => {
    const parsed = WebhookSecrets.parse(`expense-approval=${secret}, publishing-pipeline=${"p".repeat(32)}`);
    expect(parsed.get("expense-approval")).toBe(secret);
    expect(parsed.get("publishing-pipeline")).toBe("p".repeat(32));
    expect(WebhookSecrets.safeParse("expense-approval=short").success).toBe(false);
    expect(WebhookSecrets.safeParse(`Bad_Id=${secret}`).success).toBe(false);
    expect(WebhookSecrets.safeParse(secret).success).toBe(false);
  });
});
