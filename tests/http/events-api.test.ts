import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSignature } from "../../src/triggers/webhook-signature.js";
import { pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

const SECRET = "expense-form-secret-0123456789abcdef";
const NOW = "2026-03-02T09:00:00.000Z";

describe("HTTP: events and signed webhooks start runs", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend, {
      webhookSecrets: new Map([
        ["expense-approval", SECRET],
        ["tax-report", SECRET.toUpperCase()],
      ]),
    });
  });
  afterAll(() => h.close());

  const post = (body: Record<string, unknown>, as: "operator" | "viewer" = "operator") =>
    h.call("POST", "/api/events", { as, body });
  const expenseBundles = async () =>
    (await h.call("GET", "/api/bundles?workflowId=expense-approval&limit=500")).body.items.length;
  const submitted = (id: string, data: Record<string, unknown>) => ({
    id,
    type: "expense.submitted",
    source: "finance",
    time: "2026-03-02T10:00:00+01:00",
    data,
  });

  it("starts the matching workflow with the transformed input and records what started it", async () => {
    const res = await post(submitted("fin-1001", { amount: 2500, description: "Laptop", ignored: true }));
    expect(res.status).toBe(201);
    expect(res.body.replayed).toBe(false);
    expect(res.body.event).toMatchObject({ eventId: "fin-1001", time: "2026-03-02T09:00:00.000Z", origin: "api" });
    expect(res.body.event.runs).toHaveLength(1);
    const { bundleId, workflowId } = res.body.event.runs[0];
    expect(workflowId).toBe("expense-approval");
    const run = (await h.call("GET", `/api/bundles/${bundleId}/run`, { as: "viewer" })).body;
    expect(run).toMatchObject({
      runStatus: "waiting",
      input: { amount: 2500, description: "Laptop" },
      triggerType: "event",
      triggerEventId: "fin-1001",
    });
    const stored = await h.call("GET", "/api/events/fin-1001", { as: "viewer" });
    expect(stored.status).toBe(200);
    expect(stored.body.runs).toEqual(res.body.event.runs);
  });

  it("answers a replayed event id with the runs it started, starting nothing new", async () => {
    const before = await expenseBundles();
    const again = await post(submitted("fin-1001", { amount: 2500, description: "Laptop", ignored: true }));
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.event.runs).toHaveLength(1);
    expect(await expenseBundles()).toBe(before);
    const reused = await post(submitted("fin-1001", { amount: 1, description: "Other" }));
    expect(reused.status).toBe(409);
    // The same instant written with another offset is the same event.
    const utc = await post({ ...submitted("fin-1001", {}), time: "2026-03-02T09:00:00Z" });
    expect(utc.status).toBe(409); // different data
    const sameInstant = await post({
      ...submitted("fin-1001", { amount: 2500, description: "Laptop", ignored: true }),
      time: "2026-03-02T09:00:00.000Z",
    });
    expect([sameInstant.status, sameInstant.body.replayed]).toEqual([200, true]);
    expect(await expenseBundles()).toBe(before);
  });

  it("refuses an event whose transformed input fails the inputSchema, with the issues, and keeps nothing", async () => {
    const before = await expenseBundles();
    const res = await post(submitted("fin-1002", { amount: 2500 }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.details.issues).toEqual([
      { path: "expense-approval.input", message: "must have required property 'description'" },
    ]);
    expect(await expenseBundles()).toBe(before);
    expect((await h.call("GET", "/api/events/fin-1002")).status).toBe(404);
  });

  it("stores an event that matches nothing, and starts checklists through the older single trigger", async () => {
    const none = await post(submitted("fin-1003", { amount: 0, description: "Free" }));
    expect(none.status).toBe(201);
    expect(none.body.event.runs).toEqual([]);
    const quarter = await post({ id: "q1-2026", type: "quarter.closed", source: "calendar", data: {} });
    expect(quarter.status).toBe(201);
    expect(quarter.body.event.runs.map((r: { workflowId: string }) => r.workflowId)).toEqual(["tax-report"]);
    const bundle = (await h.call("GET", `/api/bundles/${quarter.body.event.runs[0].bundleId}`)).body;
    expect(bundle).toMatchObject({ triggerType: "event", triggerEventId: "q1-2026", anchorDate: "2026-03-02" });
    const listed = await h.call("GET", "/api/events?type=expense.submitted", { as: "viewer" });
    expect(listed.body.items.map((e: { eventId: string }) => e.eventId)).toEqual(["fin-1001", "fin-1003"]);
  });

  it("lets operators post events, not viewers, and refuses malformed ones", async () => {
    expect((await post(submitted("fin-2000", { amount: 5, description: "x" }), "viewer")).status).toBe(403);
    expect((await post({ id: "bad id", type: "x", source: "s" })).status).toBe(400);
    expect((await post({ id: "e-1", type: "not..a.type", source: "s" })).status).toBe(400);
    expect((await post({ id: "e-2", type: "x", source: "s", time: "yesterday" })).status).toBe(400);
    expect((await post({ id: "e-3", type: "x", source: "s", data: [] })).status).toBe(400);
    expect((await post({ id: "run-stx_1", type: "x", source: "s" })).status).toBe(400);
    expect((await post({ id: "webhook-abc", type: "x", source: "s" })).status).toBe(400);
    expect((await h.call("POST", "/api/events", { as: null, body: submitted("e-4", {}) })).status).toBe(401);
  });

  describe("signed webhooks", () => {
    const unix = () => String(Date.parse(NOW) / 1000);
    const hook = (body: string, headers: Record<string, string>, workflowId = "expense-approval") =>
      h.call("POST", `/api/hooks/${workflowId}`, {
        as: null,
        raw: body,
        headers: { "content-type": "application/json", ...headers },
      });
    const signed = (body: string, ts = unix(), secret = SECRET) => ({
      "x-webhook-timestamp": ts,
      "x-webhook-signature": webhookSignature(secret, ts, body),
    });
    const webhookEvents = async () =>
      (await h.call("GET", "/api/events?type=webhook.expense-approval")).body.items.length;

    it("turns a well-signed body into a webhook event that starts a run", async () => {
      const body = JSON.stringify({ total: 640, what: "Train tickets" });
      const res = await hook(body, signed(body));
      expect(res.status).toBe(201);
      expect(res.body.event).toMatchObject({ type: "webhook.expense-approval", origin: "webhook" });
      const run = (await h.call("GET", `/api/bundles/${res.body.event.runs[0].bundleId}/run`)).body;
      expect(run).toMatchObject({
        triggerType: "webhook",
        input: { amount: 640, description: "Train tickets" },
        runStatus: "completed",
      });
    });

    it("answers the same signed request again as a replay, starting nothing", async () => {
      const body = JSON.stringify({ total: 12, what: "Coffee" });
      const headers = signed(body);
      const first = await hook(body, headers);
      const before = await expenseBundles();
      const again = await hook(body, headers);
      expect(again.status).toBe(200);
      expect(again.body.replayed).toBe(true);
      expect(again.body.event.runs).toEqual(first.body.event.runs);
      expect(await expenseBundles()).toBe(before);
    });

    it("refuses bad and stale signatures with 401 and leaves nothing behind", async () => {
      const body = JSON.stringify({ total: 99, what: "Books" });
      const events = await webhookEvents();
      const bundles = await expenseBundles();
      const stale = String(Number(unix()) - 301);
      const headerSets: Record<string, string>[] = [
        signed(body, unix(), "another-secret-0123456789abcdefghij"),
        signed(JSON.stringify({ total: 1, what: "Books" })),
        signed(body, stale),
        { "x-webhook-timestamp": unix() },
        {},
      ];
      for (const headers of headerSets) {
        const res = await hook(body, headers);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe("unauthorized");
      }
      // A workflow without a secret takes no webhooks, however it is signed.
      expect((await hook(body, signed(body), "publishing-pipeline")).status).toBe(401);
      expect(await webhookEvents()).toBe(events);
      expect(await expenseBundles()).toBe(bundles);
    });

    it("refuses a well-signed body that is not a JSON object, or holds a NUL, and starts nothing", async () => {
      const before = await expenseBundles();
      const body = "[1,2]";
      expect((await hook(body, signed(body))).status).toBe(400);
      for (const text of ['{"total":5,"what":"x","extra":"a\\u0000b"}', '{"total":5,"what":"x","extra":"\\ud800"}']) {
        const res = await hook(text, signed(text));
        expect([res.status, res.body.error.code]).toEqual([400, "validation_failed"]);
      }
      expect(await expenseBundles()).toBe(before);
    });

    it("gives the same signed body sent to two workflows two events", async () => {
      const body = JSON.stringify({ total: 30, what: "Lunch" });
      const first = await hook(body, signed(body));
      const other = await hook(body, signed(body, unix(), SECRET.toUpperCase()), "tax-report");
      expect([first.status, other.status]).toEqual([201, 201]);
      expect(other.body.event.eventId).not.toBe(first.body.event.eventId);
      expect(other.body.event.runs).toEqual([]);
    });
  });
});
