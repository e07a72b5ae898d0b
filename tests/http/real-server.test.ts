import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

const MiB = 1024 * 1024;
const tooLarge = {
  error: {
    code: "payload_too_large",
    message: `the JSON body is larger than the ${MiB}-byte limit`,
    details: { maxBytes: MiB },
    requestId: expect.any(String),
  },
};

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** What the real server does over a socket: app.request() has no chunked encoding and no lying headers. */
describe("the real server process, over HTTP", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  const auth = () => ({ authorization: `Bearer ${server.adminToken}` });

  /**
   * Streams a chunked JSON body of up to `budget` bytes and stops writing the moment an answer arrives,
   * never ending the body first: an answer at all proves the server did not wait to read it whole.
   */
  function streamUntilAnswered(path: string, budget: number) {
    return new Promise<Answer & { sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(`${server.url}${path}`, {
        method: "POST",
        headers: { ...auth(), "content-type": "application/json" },
      });
      req.on("error", (error) => {
        if (!answered) reject(error);
      });
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent });
          req.destroy();
        });
      });
      const chunk = Buffer.alloc(64 * 1024, "7");
      const writeMore = () => {
        while (!answered && sent < budget) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", writeMore);
        }
        if (!answered) reject(new Error(`no answer after ${sent} bytes; the body was never ended`));
      };
      req.write("[");
      writeMore();
    });
  }

  /** Writes raw bytes on a fresh connection and reads `count` responses, each framed by its Content-Length. */
  function rawResponses(bytes: string, count: number) {
    return new Promise<Answer[]>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1");
      const answers: Answer[] = [];
      let received = Buffer.alloc(0);
      socket.on("error", reject);
      socket.on("data", (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        for (let split = received.indexOf("\r\n\r\n"); split >= 0; split = received.indexOf("\r\n\r\n")) {
          const [statusLine = "", ...lines] = received.subarray(0, split).toString().split("\r\n");
          const headers = Object.fromEntries(
            lines.map((line) => [
              line.slice(0, line.indexOf(":")).toLowerCase(),
              line.slice(line.indexOf(":") + 1).trim(),
            ]),
          );
          const end = split + 4 + Number(headers["content-length"] ?? 0);
          if (received.length < end) return;
          answers.push({
            status: Number(statusLine.split(" ")[1]),
            headers,
            body: received.subarray(split + 4, end).toString(),
          });
          received = received.subarray(end);
          if (answers.length === count) {
            socket.destroy();
            resolve(answers);
            return;
          }
        }
      });
      socket.write(bytes);
    });
  }
  const post = (path: string, contentLength: number, body: string) =>
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${server.adminToken}\r\n` +
    `content-type: application/json\r\ncontent-length: ${contentLength}\r\n\r\n${body}`;

  it("answers 413 to a chunked JSON body over 1 MiB while it is still arriving, and keeps serving", async () => {
    const budget = 50 * MiB;
    const answer = await streamUntilAnswered("/api/tasks", budget);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(tooLarge);
    expect(answer.sent).toBeLessThan(budget);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  }, 30_000);

  it("reads a body no further than its Content-Length, and refuses a declared length over 1 MiB before reading", async () => {
    // The bytes past a lying small Content-Length are the next request on the connection, never this body.
    const task = `{"description":"${"x".repeat(2 * MiB)}","date":"2026-03-03"}`;
    const lying = post("/api/tasks", 16, task.slice(0, 16));
    const next = "GET /api/health HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n";
    const [short, health] = await rawResponses(`${lying}${next}`, 2);
    expect(short?.status).toBe(400);
    expect(JSON.parse(short?.body ?? "")).toMatchObject({ error: { code: "validation_failed" } });
    expect(health?.status).toBe(200);
    const [declared] = await rawResponses(post("/api/tasks", 2 * MiB, "{}"), 1);
    expect(declared?.status).toBe(413);
    expect(JSON.parse(declared?.body ?? "")).toEqual(tooLarge);
    const listed = await fetch(`${server.url}/api/tasks?date=2026-03-03`, { headers: auth() });
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("sends nosniff on every answer, errors and 404s included, and no-store on /api answers such as a new token", async () => {
    const get = (path: string, headers: Record<string, string> = auth()) => fetch(`${server.url}${path}`, { headers });
    const answers = {
      health: await get("/api/health", {}),
      document: await get("/openapi.json", {}),
      unauthorized: await get("/api/me", {}),
      unknownApi: await get("/api/nothing-here"),
      unknown: await get("/nothing-here", {}),
    };
    expect(Object.entries(answers).map(([name, res]) => [name, res.status])).toEqual([
      ["health", 200],
      ["document", 200],
      ["unauthorized", 401],
      ["unknownApi", 404],
      ["unknown", 404],
    ]);
    for (const [name, res] of Object.entries(answers)) {
      expect([name, res.headers.get("x-content-type-options")]).toEqual([name, "nosniff"]);
      const perUser = name !== "document" && name !== "unknown";
      expect([name, res.headers.get("cache-control")]).toEqual([name, perUser ? "no-store" : null]);
    }
    const me = (await (await get("/api/me")).json()) as { userId: string };
    const issued = await fetch(`${server.url}/api/users/${me.userId}/tokens`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ name: "cli" }),
    });
    expect(issued.status).toBe(201);
    expect(issued.headers.get("cache-control")).toBe("no-store");
    expect(issued.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves an uploaded HTML page as an octet-stream attachment, never as HTML", async () => {
    const created = await fetch(`${server.url}/api/tasks`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ description: "page", date: "2026-03-04" }),
    });
    const { taskId } = (await created.json()) as { taskId: string };
    const form = new FormData();
    form.set("taskId", taskId);
    form.set("file", new File(["<script>alert(1)</script>"], "page.html", { type: "text/html" }));
    const uploaded = await fetch(`${server.url}/api/files`, { method: "POST", headers: auth(), body: form });
    expect(uploaded.status).toBe(201);
    const { fileId } = (await uploaded.json()) as { fileId: string };
    const download = await fetch(`${server.url}/api/files/${fileId}/download`, { headers: auth() });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("<script>alert(1)</script>");
    expect(
      Object.fromEntries(
        ["content-type", "content-disposition", "x-content-type-options"].map((name) => [
          name,
          download.headers.get(name),
        ]),
      ),
    ).toEqual({
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="page.html"; filename*=UTF-8''page.html`,
      "x-content-type-options": "nosniff",
    });
  });
});
