import { describe, expect, it } from "vitest";
import { newTokenSecret } from "../../src/domain/api-token-secret.js";
import { Artifact } from "../../src/domain/artifact.js";
import { AssistantJob } from "../../src/domain/assistant-job.js";
import { Bundle } from "../../src/domain/bundle.js";
import { exportFieldOf, recordProblems } from "../../src/domain/record-problems.js";
import { Task } from "../../src/domain/task.js";
import { User } from "../../src/domain/user.js";
import { withCheckedWrites } from "../../src/repositories/checked-writes.js";
import type { Repository } from "../../src/repositories/repository.js";
import * as f from "../support/fixtures.js";

/** `[code, export field]` of each problem, as the export validator reports them. */
const found = (schema: Parameters<typeof recordProblems>[0], record: object) =>
  recordProblems(schema, record as Record<string, unknown>).map((p) => [p.code, exportFieldOf(p.path)]);

describe("one definition of a valid record", () => {
  it("finds nothing in records the services build", () => {
    expect(found(Artifact, f.artifact({ metadata: { episode: 12, guests: [{ name: "Ada" }] } }))).toEqual([]);
    expect(found(AssistantJob, f.assistantJob({ inputRefs: ["s3://b/k", "art_1"] }))).toEqual([]);
    expect(found(Task, f.task({ link: "", comment: "we_are fine" }))).toEqual([]);
  });

  it("names each URI, nesting, redaction and secret problem under the validator's code, never a value", () => {
    const secret = newTokenSecret();
    expect(found(Artifact, f.artifact({ storageUri: "http://169.254.169.254/x" }))).toEqual([
      ["INVALID_FIELD", "storage_uri"],
    ]);
    expect(found(Artifact, f.artifact({ storageUri: "javascript:alert(1)", storageProvider: "unknown" }))).toEqual([
      ["INVALID_FIELD", "storage_uri"],
    ]);
    expect(found(Artifact, f.artifact({ storageUri: "https://example.com/x#access_token=1" }))).toEqual([
      ["SIGNED_URL", "storage_uri"],
    ]);
    expect(found(Artifact, f.artifact({ metadata: { a: JSON.parse(`${"[".repeat(40)}${"]".repeat(40)}`) } }))).toEqual([
      ["INVALID_FIELD", "metadata"],
    ]);
    expect(found(Artifact, f.artifact({ metadata: { nested: { sessionKey: "x" } } }))).toEqual([
      ["SECRET_VALUE", "metadata.nested.sessionKey"],
    ]);
    expect(
      found(AssistantJob, f.assistantJob({ inputRefs: ["https://b.s3.amazonaws.com/k?AWSAccessKeyId=A&Signature=s"] })),
    ).toEqual([["SIGNED_URL", "input_refs[0]"]]);
    expect(
      found(AssistantJob, f.assistantJob({ lastError: { code: `auth ${secret}`, summary: "token=abc" } })),
    ).toEqual([
      ["SECRET_VALUE", "last_error.code"],
      ["SECRET_VALUE", "last_error.summary"],
    ]);
    expect(found(Task, f.task({ comment: `key ${secret}` }))).toEqual([["SECRET_VALUE", "comment"]]);
    expect(
      found(Bundle, f.bundle({ links: [{ name: "site", url: "http://[::ffff:127.0.0.1]/", required: false }] })),
    ).toEqual([["INVALID_FIELD", "links[0].url"]]);
    expect(found(User, f.user({ email: "admin@localhost" }))).toEqual([["INVALID_FIELD", "email"]]);
    expect(JSON.stringify(recordProblems(Task, f.task({ comment: `key ${secret}` })))).not.toContain(secret);
  });

  it("refuses such a record at the repository, before any backend sees it", async () => {
    const stored: unknown[] = [];
    const store = {
      create: async (record: unknown) => {
        stored.push(record);
        return record;
      },
    };
    const names = [
      "users",
      "apiTokens",
      "sessions",
      "workflowVersions",
      "bundles",
      "tasks",
      "runs",
      "events",
      "recurringConfigs",
      "notifications",
    ];
    const stores = Object.fromEntries([...names, "files", "artifacts", "assistantJobs"].map((n) => [n, store]));
    const repo = withCheckedWrites(stores as unknown as Repository);
    await expect(repo.users.create(f.user({ email: "admin@localhost" }), f.audit("user", "usr_x"))).rejects.toThrow(
      /refused to store a user: email: /,
    );
    await expect(
      repo.sessions.create(f.session("usr_x", { sessionHash: "we_not-a-hash" }), f.audit("session", "ses_x")),
    ).rejects.toThrow(/refused to store a session: sessionHash: /);
    await expect(
      repo.artifacts.create(
        f.artifact(),
        f.audit("artifact", "art_x", { after: { deep: JSON.parse("[".repeat(40) + "]".repeat(40)) } }),
      ),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: { entity: "audit event", issues: [{ path: "after" }] },
    });
    const run = f.runBundle();
    await expect(
      repo.runs.apply({
        bundle: { next: { ...run, version: 2 }, expectedVersion: 1 },
        createSteps: [f.stepExecution(run.bundleId, { branchPath: "not a path" })],
        updateSteps: [],
        createTasks: [],
        updateTasks: [],
        taskEvents: [],
        notifications: [],
        audit: [],
        logs: [],
      }),
    ).rejects.toThrow(/refused to store a step execution: branchPath: /);
    const user = f.user();
    await repo.users.create(user, f.audit("user", user.userId));
    expect(stored).toEqual([user]);
  });
});
