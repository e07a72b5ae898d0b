import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DynamoContext } from "../../src/repositories/dynamo/dynamo-context.js";
import { indexAttributes } from "../../src/repositories/dynamo/item-codec.js";
import { keys, TTL_ATTRIBUTE } from "../../src/repositories/dynamo/key-model.js";
import type { Repository } from "../../src/repositories/repository.js";
import { openDynamo } from "../support/backends.js";
import * as f from "../support/fixtures.js";

describe("DynamoDB items", () => {
  let repo: Repository;
  let ctx: DynamoContext;
  beforeAll(async () => {
    ({ repo, ctx } = await openDynamo());
  });
  afterAll(() => repo.close());

  it("carry the application ID as a plain attribute, the entity type and a schema version", async () => {
    const u = f.user();
    await repo.users.create(u, f.audit("user", u.userId));
    const { Item } = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tables.users, Key: { pk: `USER#${u.userId}`, sk: "#" } }),
    );
    expect(Item).toMatchObject({ userId: u.userId, email: u.email, _entity: "user", _schemaVersion: 1 });
    const { Items } = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tables.auditEvents,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `AUDIT#user#${u.userId}` },
      }),
    );
    expect(Items?.[0]).toMatchObject({
      entityType: "user",
      entityId: u.userId,
      _entity: "auditEvent",
      _schemaVersion: 1,
    });
  });

  it("never let storage keys leak into the records the repository returns", async () => {
    const b = f.bundle();
    const t = f.task({ bundleId: b.bundleId, status: "waiting", waitingFor: "x", followUpAt: f.T0 });
    await repo.bundles.createWithTasks({ bundle: b, tasks: [t], taskEvents: [], audit: [] });
    const read = await repo.tasks.get(t.taskId);
    expect(Object.keys(read ?? {}).filter((k) => k === "pk" || k === "sk" || k.startsWith("_"))).toEqual([]);
    expect(read).toEqual(t);
  });

  it("of a run's log carry the table's TTL attribute, in epoch seconds rounded up, which never reads back", async () => {
    const b = f.runBundle();
    await repo.bundles.createWithTasks({ bundle: b, tasks: [], taskEvents: [], audit: [] });
    const entry = f.runLogEntry(b.bundleId, { expiresAt: "2026-06-01T00:00:00.001Z" });
    await repo.runs.apply(f.runWrite(b, { ...b, version: 2 }, { audit: [], logs: [entry] }));
    const { Item } = await ctx.doc.send(
      new GetCommand({ TableName: ctx.tables.bundles, Key: keys.runLog(b.bundleId, entry.runLogId) }),
    );
    expect(Item?.[TTL_ATTRIBUTE]).toBe(Date.parse("2026-06-01T00:00:01.000Z") / 1000);
    expect((await repo.runLogs.listByBundle(b.bundleId, {}, {})).items).toStrictEqual([entry]);
    const bundle = await ctx.doc.send(new GetCommand({ TableName: ctx.tables.bundles, Key: keys.bundle(b.bundleId) }));
    expect(bundle.Item?.[TTL_ATTRIBUTE]).toBeUndefined();
  });

  it("of a session and its hash claim carry the users table's TTL attribute, from expiresAt, rounded up", async () => {
    const u = f.user();
    await repo.users.create(u, f.audit("user", u.userId));
    const s = f.session(u.userId, { expiresAt: "2026-04-01T00:00:00.250Z" });
    await repo.sessions.create(s, f.audit("session", s.sessionId, { action: "session.started" }));
    const epoch = Date.parse("2026-04-01T00:00:01.000Z") / 1000;
    const item = async (key: { pk: string; sk: string }) =>
      (await ctx.doc.send(new GetCommand({ TableName: ctx.tables.users, Key: key }))).Item;
    expect(await item(keys.session(s.sessionId))).toMatchObject({ _entity: "session", [TTL_ATTRIBUTE]: epoch });
    expect(await item(keys.sessionHashClaim(s.sessionHash))).toMatchObject({
      sessionId: s.sessionId,
      [TTL_ATTRIBUTE]: epoch,
    });
    // A revoke rewrites the session with its TTL; the user and its email claim never expire.
    await repo.sessions.update({ ...s, revokedAt: f.T1, version: 2 }, 1, f.audit("session", s.sessionId));
    expect((await item(keys.session(s.sessionId)))?.[TTL_ATTRIBUTE]).toBe(epoch);
    expect(await repo.sessions.get(s.sessionId)).toStrictEqual({ ...s, revokedAt: f.T1, version: 2 });
    expect((await item(keys.user(u.userId)))?.[TTL_ATTRIBUTE]).toBeUndefined();
    expect((await item(keys.emailClaim(u.email)))?.[TTL_ATTRIBUTE]).toBeUndefined();
  });

  it("stop a single Query at 1 MB, which the repository pages past (the contract checks it returns every item)", async () => {
    const b = f.bundle();
    const tasks = Array.from({ length: 200 }, () =>
      f.task({ bundleId: b.bundleId, date: "2027-01-05", comment: "c".repeat(4_900), description: "d".repeat(1_900) }),
    );
    await repo.bundles.createWithTasks({ bundle: b, tasks, taskEvents: [], audit: [] });
    const names = indexAttributes("byDue");
    const raw = await ctx.doc.send(
      new QueryCommand({
        TableName: ctx.tables.tasks,
        IndexName: "byDue",
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": names.pk },
        ExpressionAttributeValues: { ":pk": "DUE#2027-01" },
      }),
    );
    expect(raw.Items?.length).toBeLessThan(200);
    expect(raw.LastEvaluatedKey).toBeDefined();
    expect((await repo.tasks.listForDate("2027-01-05", { limit: 500 })).items).toHaveLength(200);
  });

  it("refuse a forged cursor with a validation error", async () => {
    const forged = Buffer.from(JSON.stringify({ p: "DUE#2027-01", k: { pk: "x" } })).toString("base64url");
    await expect(repo.tasks.listForDate("2027-01-05", { cursor: forged })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});
