import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it. */
export type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
/** Answers one request; `closed` resolves when the client's connection goes away. */
export type Handler = (request: Recorded, response: ServerResponse, closed: Promise<void>) => void;

const json = (status: number, body: unknown): Handler => {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
};

/**
 * A local HTTP server on 127.0.0.1 (port 0) that records every request (method, path, headers, body)
 * before answering it with the handler set for its path (by default `200 {"ok": true}`).
 */
export async function startCountingServer() {
  const requests: Recorded[] = [];
  const routes = new Map<string, Handler>();
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const closed = new Promise<void>((resolve) => res.once("close", () => resolve()));
    held.add(res);
    res.once("close", () => held.delete(res));
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const recorded = { method: req.method ?? "", path, headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(recorded);
      (routes.get(path.split("?")[0] ?? path) ?? json(200, { ok: true }))(recorded, res, closed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    /** `127.0.0.1:<port>`: the allow-list entry for this server. */
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    hits: (path: string) => requests.filter((r) => r.path === path),
    route(path: string, handler: Handler) {
      routes.set(path, handler);
    },
    /** Answers `path` with these statuses in turn (JSON bodies), the last one from then on. */
    statuses(path: string, statuses: number[]) {
      let served = 0;
      routes.set(path, (request, response, closed) => {
        const status = statuses[Math.min(served++, statuses.length - 1)] ?? 200;
        json(status, { status, served })(request, response, closed);
      });
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type CountingServer = Awaited<ReturnType<typeof startCountingServer>>;
