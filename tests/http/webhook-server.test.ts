import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSignature } from "../../src/triggers/webhook-signature.js";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

const SECRET = "real-server-webhook-secret-0123456789";

/** Signed webhooks through the real process: headers and the raw body bytes as a sender sends them. */
describe("signed webhooks on the real server", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ WEBHOOK_SECRETS: `expense-approval=${SECRET}` });
    // expense-approval's tasks are assigned to the accountant.
    const created = await fetch(`${server.url}/api/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        userId: "usr_accountant",
        name: "Accountant",
        email: "acc@example.com",
        role: "operator",
      }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => server?.stop());

  const send = (body: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/hooks/expense-approval`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });

  it("verifies the signature over the body exactly as sent, whitespace and all, and starts the run", async () => {
    const body = '{ "total": 75,\n  "what": "Parking" }';
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await send(body, {
      "X-Webhook-Timestamp": ts,
      "X-Webhook-Signature": webhookSignature(SECRET, ts, body),
    });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { event: { type: string; runs: { bundleId: string }[] } };
    expect(answer.event.type).toBe("webhook.expense-approval");
    const run = await fetch(`${server.url}/api/bundles/${answer.event.runs[0]?.bundleId}/run`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(await run.json()).toMatchObject({
      triggerType: "webhook",
      input: { amount: 75, description: "Parking" },
    });
    // The same bytes re-serialised are another body: the signature no longer matches.
    const compact = JSON.stringify(JSON.parse(body));
    const tampered = await send(compact, {
      "X-Webhook-Timestamp": ts,
      "X-Webhook-Signature": webhookSignature(SECRET, ts, body),
    });
    expect(tampered.status).toBe(401);
    expect(server.stdout()).not.toContain(SECRET);
  });
});
