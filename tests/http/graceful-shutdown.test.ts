import { existsSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

type Answer = { status: number; body: string; connection: string | undefined };

/**
 * A POST whose body arrives in two halves: the request is in flight, its handler waiting for the
 * rest, until `finish()` sends it. `answer` rejects if the connection is cut first.
 */
function slowPost(server: ServerProcess, path: string, body: object) {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  const req = request(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on("error", reject);
    req.on("response", (res) => {
      let received = "";
      res.on("data", (chunk: Buffer) => {
        received += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: received, connection: res.headers.connection }));
      res.on("error", reject);
    });
  });
  answer.catch(() => undefined); // awaited by the tests that expect an answer; others expect the cut
  req.write(text.slice(0, half));
  return { answer, finish: () => req.end(text.slice(half)) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lockOf = (server: ServerProcess) => join(server.dataDir, "work-engine.lock");
const logLines = (server: ServerProcess) =>
  server
    .stdout()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("graceful shutdown of the real server process", () => {
  it("lets a request in flight at SIGTERM finish, takes no new connection, releases the store and exits 0", async () => {
    const server = await startServerProcess();
    try {
      expect(existsSync(lockOf(server))).toBe(true);
      const inFlight = slowPost(server, "/api/tasks", { description: "sent across a shutdown", date: "2026-03-02" });
      await pause(300); // the handler is now waiting for the rest of the body
      server.signal("SIGTERM");
      await pause(300);
      await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
      inFlight.finish();
      const answer = await inFlight.answer;
      expect(answer.status).toBe(201);
      expect(answer.connection).toBe("close"); // no client reuses a connection that is about to close
      expect(JSON.parse(answer.body)).toMatchObject({ description: "sent across a shutdown" });
      expect(await server.exited).toBe(0);
      expect(existsSync(lockOf(server))).toBe(false);
      const lines = logLines(server);
      expect(lines.find((l) => l.msg === "request" && l.route === "/api/tasks")).toMatchObject({ status: 201 });
      expect(lines.at(-1)).toMatchObject({ level: "info", msg: "stopped" });
    } finally {
      await server.stop();
    }
  });

  it("exits at once on a second signal, without waiting for the request in flight", async () => {
    const server = await startServerProcess();
    try {
      const inFlight = slowPost(server, "/api/tasks", { description: "never finished", date: "2026-03-02" });
      await pause(300);
      server.signal("SIGTERM");
      await pause(200);
      const second = Date.now();
      server.signal("SIGTERM");
      expect(await server.exited).toBe(1);
      expect(Date.now() - second).toBeLessThan(3_000);
      await expect(inFlight.answer).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });

  it("cuts off a request still running at SHUTDOWN_TIMEOUT_SECONDS, closes the store and exits 1", async () => {
    const server = await startServerProcess({ SHUTDOWN_TIMEOUT_SECONDS: "1" });
    try {
      const inFlight = slowPost(server, "/api/tasks", { description: "too slow", date: "2026-03-02" });
      await pause(300);
      const signalled = Date.now();
      server.signal("SIGTERM");
      expect(await server.exited).toBe(1);
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(900);
      await expect(inFlight.answer).rejects.toThrow();
      expect(existsSync(lockOf(server))).toBe(false);
      expect(logLines(server).map((l) => l.msg)).toContain(
        "requests still running at the shutdown timeout were cut off",
      );
    } finally {
      await server.stop();
    }
  });

  it("keeps serving when the reader of its log goes away", async () => {
    const server = await startServerProcess();
    try {
      server.closeStdout();
      for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("logs a port already in use as one JSON line, closes the store and exits 1", async () => {
    const first = await startServerProcess();
    try {
      const second = startServerProcess({ PORT: String(first.port) });
      const failure = await second.then(
        () => "listened",
        (error: Error) => error.message,
      );
      expect(failure).toContain("the server exited before listening");
      const line = failure.split("\n").find((l) => l.includes("cannot listen"));
      expect(JSON.parse(line ?? "{}")).toMatchObject({ level: "error", code: "EADDRINUSE" });
    } finally {
      await first.stop();
    }
  });
});
