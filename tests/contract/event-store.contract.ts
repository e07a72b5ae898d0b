import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "../../src/domain/errors.js";
import type { WorkflowEvent } from "../../src/domain/workflow-event.js";
import type { Repository } from "../../src/repositories/repository.js";
import type { Backend } from "../support/backends.js";
import * as f from "../support/fixtures.js";
import { allPages } from "./access-patterns.contract.js";

const byTime = (a: WorkflowEvent, b: WorkflowEvent) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.eventId < b.eventId ? -1 : 1);
const eventIds = (events: WorkflowEvent[]) => events.map((e) => e.eventId);

/** Received events: stored once as received, read by ID, listed by type since a time. */
export function eventStoreContract(backend: Backend) {
  describe(`${backend.name}: event store`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await backend.open();
    });
    afterAll(() => repo.close());

    it("stores an event as received, every field as given, and reads back absent what was not given", async () => {
      const full = f.workflowEvent({
        eventId: `Order.42:Paid-${f.eventId()}`,
        type: "webhook.expense-approval",
        source: "https://billing.example.com/hooks",
        time: "2026-03-02T08:59:59.250Z",
        data: { amount: 1200, customer: { name: 'ünïcödé "quoted"', tags: ["a", "b"] }, zeta: null, list: [1.5, "x"] },
        origin: "workflow",
        receivedBy: f.user().userId,
        emittedBy: f.bundle().bundleId,
        runs: [
          { bundleId: f.bundle().bundleId, workflowId: "expense-approval", workflowVersionId: "wfv_01" },
          { bundleId: f.bundle().bundleId, workflowId: "ledger", workflowVersionId: "wfv_02" },
        ],
      });
      const bare = f.workflowEvent();
      for (const event of [full, bare]) expect(await repo.events.create(event)).toStrictEqual(event);
      expect(await repo.events.get(full.eventId)).toStrictEqual(full);
      expect(await repo.events.get(bare.eventId)).toStrictEqual(bare);
      expect(await repo.events.get(f.eventId())).toBeUndefined();
      // Events keep out of every bundle read, though DynamoDB keeps them in the bundles table.
      expect((await repo.bundles.list({}, {})).items).toEqual([]);
    });

    it("refuses an eventId it holds, and changes nothing", async () => {
      const first = f.workflowEvent({ type: "conflict.test" });
      await repo.events.create(first);
      const again = { ...f.workflowEvent({ type: "conflict.other" }), eventId: first.eventId, data: { other: true } };
      await expect(repo.events.create(again)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.events.get(first.eventId)).toStrictEqual(first);
      expect((await repo.events.listByType("conflict.other", "2000-01-01T00:00:00.000Z", {})).items).toEqual([]);
      expect((await repo.events.listByType("conflict.test", "2000-01-01T00:00:00.000Z", {})).items).toStrictEqual([
        first,
      ]);
    });

    it("lists events of exactly one type stored since a time, by (createdAt, eventId), across pages and months", async () => {
      const type = "listing.recording.uploaded";
      const at = (createdAt: string, eventId = f.eventId(), of = type) =>
        f.workflowEvent({ eventId, type: of, createdAt });
      const since = "2026-01-31T23:59:59.999Z";
      const listed = [
        at(since, "b.tie"),
        at(since, "B:tie"),
        at(since, "a-tie"),
        at("2026-02-01T00:00:00Z"),
        at("2026-02-14T10:00:00.000Z"),
        at("2026-04-01T00:00:00.000Z"),
        at("2027-01-01T00:00:00.000Z"),
      ];
      const others = [
        at("2026-01-31T23:59:59.998Z"),
        at("2025-12-01T00:00:00.000Z"),
        at("2026-02-14T10:00:00.000Z", f.eventId(), "listing.recording"),
        at("2026-02-14T10:00:00.000Z", f.eventId(), "listing.recording.uploaded.late"),
        at("2026-02-14T10:00:00.000Z", f.eventId(), "Listing.recording.uploaded"),
      ];
      for (const event of [...others, ...listed].reverse()) await repo.events.create(event);
      const expected = [...listed].sort(byTime);
      for (const limit of [1, 2, 3, 50]) {
        const { items, pages } = await allPages((page) => repo.events.listByType(type, since, page), limit);
        expect([limit, eventIds(items)]).toEqual([limit, eventIds(expected)]);
        expect([limit, pages]).toEqual([limit, Math.ceil(expected.length / limit)]);
      }
      const stored = (await allPages((page) => repo.events.listByType(type, since, page), 50)).items;
      expect(stored.map((e) => e.data)).toEqual(expected.map((e) => e.data));
      const later = await repo.events.listByType(type, "2026-02-14T10:00:00.000Z", {});
      expect(eventIds(later.items)).toEqual(eventIds(expected.slice(4)));
      expect((await repo.events.listByType(type, "2027-01-01T00:00:00.001Z", {})).items).toEqual([]);
      expect((await repo.events.listByType("nothing.here", since, {})).items).toEqual([]);
    });
  });
}
