import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTokenSecret } from "../../src/domain/api-token-secret.js";
import type { AssistantJob } from "../../src/domain/assistant-job.js";
import {
  EMPTY_KEY_MESSAGE,
  JSON_DEPTH_MESSAGE,
  MAX_FIELD_DEPTH,
  MAX_JSON_DEPTH,
  NUMBER_MESSAGE,
} from "../../src/domain/free-form-json.js";
import type { Task } from "../../src/domain/task.js";
import { type Backend, dynamoBackend, pgliteBackend } from "../support/backends.js";
import { type Harness, startHarness } from "./harness.js";

type Envelope = { error: { code: string; details: { issues: { path: string; message: string }[] } } };

/** `{"a":[[...[1]...]]}` as text: JSON.stringify itself overflows on the deepest of these. */
const deepMetadata = (levels: number) => `{"a":${"[".repeat(levels - 1)}1${"]".repeat(levels - 1)}}`;

const PRIVATE_LINKS = [
  "http://169.254.169.254/latest/meta-data/",
  "http://localhost:8080/admin",
  "http://127.0.0.1/",
  "http://2130706433/",
  "http://0x7f000001/",
  "http://[::ffff:127.0.0.1]/",
  "http://[fe80::1]/",
  "http://10.0.0.8/",
  "http://192.168.1.1/",
  "http://172.16.0.1/",
  "http://intranet/",
];
const BAD_SCHEMES = ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "gopher://example.com/"];
const SIGNED = [
  "s3://bucket/in.wav?X-Amz-Credential=AKID%2F20260101%2Fus-east-1&X-Amz-Signature=abc",
  "https://bucket.s3.amazonaws.com/in.wav?AWSAccessKeyId=AKID&Expires=1&Signature=abc",
  "https://bucket.s3.amazonaws.com/in.wav?X-Amz-Signature=abc",
  "https://example.com/cb#access_token=abc",
];

for (const backend of [pgliteBackend, dynamoBackend] as Backend[]) {
  describe(`HTTP on ${backend.name}: free-form JSON is what every backend stores (${MAX_JSON_DEPTH} levels, portable numbers)`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
    });
    afterAll(() => h.close());

    const post = (metadata: string) =>
      h.app.request("/api/artifacts", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${h.tokens.operator}` },
        body: `{"type":"other","title":"t","storageUri":"https://example.com/a","metadata":${metadata}}`,
      });

    it("stores metadata exactly at the limit, and refuses deeper metadata with a 400 naming the field", async () => {
      const atLimit = await post(deepMetadata(MAX_FIELD_DEPTH));
      expect(atLimit.status).toBe(201);
      for (const levels of [MAX_FIELD_DEPTH + 1, 2_000, 5_000, 200_000]) {
        const res = await post(deepMetadata(levels));
        const body = (await res.json()) as Envelope;
        expect([levels, res.status, body.error.code]).toEqual([levels, 400, "validation_failed"]);
        expect(body.error.details.issues).toEqual([{ path: "metadata", message: JSON_DEPTH_MESSAGE }]);
      }
    });

    it("stores numbers every backend keeps, and refuses the others with a 400 naming them", async () => {
      expect((await post(`{"n":[0.1,1e-130,${Number.MAX_SAFE_INTEGER}]}`)).status).toBe(201);
      const empty = (await (await post('{"":{"x":1}}')).json()) as Envelope;
      expect(empty.error.details.issues).toEqual([{ path: "metadata.", message: EMPTY_KEY_MESSAGE }]);
      for (const n of ["1e28", "-9007199254740993", "5e-324", "1e308"]) {
        const res = await post(`{"n":{"m":${n}}}`);
        const body = (await res.json()) as Envelope;
        expect([n, res.status, body.error.details.issues]).toEqual([
          n,
          400,
          [{ path: "metadata.n.m", message: NUMBER_MESSAGE }],
        ]);
      }
    });
  });
}

describe("HTTP: every URI, secret and error field under one policy", () => {
  let h: Harness;
  let task: Task;
  let job: AssistantJob;
  beforeAll(async () => {
    h = await startHarness(pgliteBackend);
    const bundle = await h.call("POST", "/api/bundles", {
      body: { workflowId: "podcast-episode", title: "Policy", anchorDate: "2026-03-20" },
    });
    task = bundle.body.tasks[0];
    job = (
      await h.call("POST", "/api/assistant-jobs", {
        as: "operator",
        body: { assistantType: "summarizer", title: "Sum", taskId: task.taskId, approvalRequired: false },
      })
    ).body;
  });
  afterAll(() => h.close());

  /** The call is refused with a 400 in the envelope, and the first issue names `path`. */
  async function refused(method: string, url: string, body: unknown, path: string) {
    const res = await h.call(method, url, { as: "operator", body });
    expect([url, JSON.stringify(body).slice(0, 120), res.status, res.body?.error?.code]).toEqual([
      url,
      JSON.stringify(body).slice(0, 120),
      400,
      "validation_failed",
    ]);
    expect(res.body.error.details.issues[0].path).toBe(path);
    return res.body.error;
  }

  it("refuses other schemes and non-public hosts in artifact and output storage URIs", async () => {
    const artifact = { type: "report", title: "Report" };
    for (const uri of [...BAD_SCHEMES, ...PRIVATE_LINKS, ...SIGNED])
      await refused("POST", "/api/artifacts", { ...artifact, storageUri: uri }, "storageUri");
    const running = (
      await h.call("POST", `/api/assistant-jobs/${job.assistantJobId}/start`, {
        as: "operator",
        body: {
          expectedVersion: (
            await h.call("POST", `/api/assistant-jobs/${job.assistantJobId}/queue`, {
              as: "operator",
              body: { expectedVersion: 1 },
            })
          ).body.version,
        },
      })
    ).body as AssistantJob;
    for (const uri of [...BAD_SCHEMES, ...PRIVATE_LINKS.slice(0, 3), ...SIGNED])
      await refused(
        "POST",
        `/api/assistant-jobs/${job.assistantJobId}/outputs`,
        { expectedVersion: running.version, title: "Out", storageUri: uri },
        "storageUri",
      );
  });

  it("refuses non-public and signed links on tasks and bundles, wherever a link is taken", async () => {
    for (const url of [...PRIVATE_LINKS, BAD_SCHEMES[0], SIGNED[3]]) {
      await refused("POST", "/api/tasks", { description: "d", date: "2026-03-03", link: url }, "link");
      await refused(
        "POST",
        "/api/tasks",
        { description: "d", date: "2026-03-03", instructionsUrl: url },
        "instructionsUrl",
      );
      await refused("PATCH", `/api/tasks/${task.taskId}`, { expectedVersion: task.version, link: url }, "link");
      await refused("POST", `/api/tasks/${task.taskId}/complete`, { expectedVersion: task.version, link: url }, "link");
      const bundle = { workflowId: "podcast-episode", title: "B", anchorDate: "2026-03-20" };
      await refused("POST", "/api/bundles", { ...bundle, links: [{ name: "site", url }] }, "links[0].url");
      await refused("POST", "/api/bundles", { ...bundle, references: [{ name: "r", url }] }, "references[0].url");
      await refused(
        "PATCH",
        `/api/bundles/${task.bundleId}`,
        { expectedVersion: 1, links: [{ name: "site", url }] },
        "links[0].url",
      );
    }
  });

  it("refuses signed, tokenized and non-public assistant-job input references", async () => {
    const body = { assistantType: "summarizer", title: "In", taskId: task.taskId };
    for (const ref of [...SIGNED, ...PRIVATE_LINKS.slice(0, 4), BAD_SCHEMES[2], newTokenSecret()])
      await refused("POST", "/api/assistant-jobs", { ...body, inputRefs: ["s3://bucket/ok.wav", ref] }, "inputRefs[1]");
    const ok = await h.call("POST", "/api/assistant-jobs", {
      as: "operator",
      body: {
        ...body,
        inputRefs: ["s3://bucket/ok.wav", "https://example.com/a.mp3", "art_01jabcdefghjkmnpqrstvwxyz"],
      },
    });
    expect(ok.status).toBe(201);
  });

  it("refuses our own API tokens and fragment tokens in metadata, never echoing them", async () => {
    const secret = newTokenSecret();
    for (const metadata of [{ note: secret }, { link: "https://example.com/cb#access_token=abc" }]) {
      const error = await refused(
        "POST",
        "/api/artifacts",
        { type: "report", title: "R", storageUri: "https://example.com/r", metadata },
        Object.keys(metadata)[0] === "note" ? "metadata.note" : "metadata.link",
      );
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });

  it("refuses a record it could not export clean even where no input schema looks: a token in a comment", async () => {
    const secret = newTokenSecret();
    const res = await h.call("PATCH", `/api/tasks/${task.taskId}`, {
      as: "operator",
      body: { expectedVersion: task.version, comment: `use ${secret}` },
    });
    expect([res.status, res.body.error.code, res.body.error.details.issues[0].path]).toEqual([
      400,
      "validation_failed",
      "comment",
    ]);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it("stores an assistant job's error code redacted, as its summary", async () => {
    let current = (
      await h.call("POST", "/api/assistant-jobs", {
        as: "operator",
        body: { assistantType: "summarizer", title: "Fail", taskId: task.taskId },
      })
    ).body as AssistantJob;
    for (const action of ["queue", "start"])
      current = (
        await h.call("POST", `/api/assistant-jobs/${current.assistantJobId}/${action}`, {
          as: "operator",
          body: { expectedVersion: current.version },
        })
      ).body;
    const secret = newTokenSecret();
    const failed = await h.call("POST", `/api/assistant-jobs/${current.assistantJobId}/fail`, {
      as: "operator",
      body: { expectedVersion: current.version, code: `auth ${secret}`, summary: `token=${"x".repeat(4000)}` },
    });
    expect(failed.status).toBe(200);
    expect(failed.body.lastError).toEqual({ code: "auth [redacted]", summary: "token=[redacted]" });
  });

  it("answers a body nested 200,000 deep, or a deep value in any field, with a 400, never a 500", async () => {
    const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    for (const [path, body] of [
      ["/api/tasks", deep(200_000)],
      ["/api/tasks", `{"description":${deep(5_000)},"date":"2026-03-03"}`],
      ["/api/tasks", `{"unknown":${deep(5_000)},"description":"d","date":"2026-03-03"}`],
      ["/api/bundles", `{"workflowId":"podcast-episode","title":"t","anchorDate":"2026-03-20","links":${deep(5_000)}}`],
    ] as const) {
      const res = await h.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${h.tokens.admin}` },
        body,
      });
      expect([path, body.slice(0, 60), res.status, ((await res.json()) as Envelope).error.code]).toEqual([
        path,
        body.slice(0, 60),
        400,
        "validation_failed",
      ]);
    }
  });
});
