import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/domain/ctx.js";
import { httpRequest } from "../../src/engine/actions/http-request.js";
import type { Repository } from "../../src/repositories/repository.js";
import { runAction } from "../support/action-context.js";
import { pgliteBackend } from "../support/backends.js";
import { type CountingServer, startCountingServer } from "../support/counting-http-server.js";
import { loadCatalog, testCtx } from "../support/test-ctx.js";

/** The module run directly against a local counting server: refusals, headers, statuses, limits. */
describe("http.request", () => {
  let server: CountingServer;
  let repo: Repository;
  let ctx: Ctx;

  beforeAll(async () => {
    server = await startCountingServer();
    repo = await pgliteBackend.open();
    const base = testCtx(repo, await loadCatalog());
    ctx = { ...base, engine: { ...base.engine, httpAllowedHosts: [server.host] } };
  });
  afterAll(async () => {
    await server.close();
    await repo.close();
  });

  const send = (
    config: Record<string, unknown>,
    more: { signal?: AbortSignal; scope?: Record<string, unknown> } = {},
  ) => runAction(httpRequest, config, { ctx, idempotencyKey: "stx_direct-1", ...more });

  it("sends the transformed body as JSON with the Idempotency-Key and its own headers, and maps the answer", async () => {
    server.route("/orders", (_request, response) => {
      response
        .writeHead(201, {
          "content-type": "application/json; charset=utf-8",
          etag: '"v1"',
          "set-cookie": "session=secret",
        })
        .end(JSON.stringify({ accepted: true, id: "ord-7" }));
    });
    const scope = { data: { amount: 21 }, input: { customer: "ACME" }, steps: {}, variables: {}, bundle: {} };
    const result = await send(
      {
        method: "POST",
        url: `${server.origin}/orders?source=engine`,
        headers: { "X-Tenant": "north", Accept: "application/json" },
        body: { type: "jsonata", expression: "{'customer': input.customer, 'total': data.amount * 2}" },
      },
      { scope },
    );
    expect(result).toEqual({
      status: "completed",
      output: {
        status: 201,
        headers: { contentType: "application/json; charset=utf-8", etag: '"v1"' },
        body: { accepted: true, id: "ord-7" },
      },
    });
    const [seen, ...more] = server.hits("/orders?source=engine");
    expect(more).toEqual([]);
    expect(seen?.method).toBe("POST");
    expect(JSON.parse(seen?.body ?? "")).toEqual({ customer: "ACME", total: 42 });
    expect(seen?.headers).toMatchObject({
      "idempotency-key": "stx_direct-1",
      "content-type": "application/json",
      "x-tenant": "north",
      accept: "application/json",
    });
  });

  it("builds the body with JMESPath too, and hands back text when the answer is not JSON", async () => {
    server.route("/text", (_request, response) =>
      response.writeHead(200, { "content-type": "text/plain" }).end("fine"),
    );
    const scope = { data: { items: [{ sku: "a" }, { sku: "b" }] }, input: {}, steps: {}, variables: {}, bundle: {} };
    const result = await send(
      { method: "PUT", url: `${server.origin}/text`, body: { type: "jmespath", expression: "data.items[].sku" } },
      { scope },
    );
    expect(result).toMatchObject({ status: "completed", output: { status: 200, body: "fine" } });
    expect(server.hits("/text")[0]?.body).toBe('["a","b"]');
  });

  it("refuses a host off the allow-list before connecting: the server sees nothing", async () => {
    const before = server.requests.length;
    // The same server under another name: without the check, the request would arrive.
    const result = await send({ url: `http://localhost:${server.port}/refused` });
    expect(result).toEqual({
      status: "failed",
      error: {
        type: "HttpError",
        code: "HOST_NOT_ALLOWED",
        message: `localhost:${server.port} is not in HTTP_ACTION_ALLOWED_HOSTS`,
      },
    });
    const nothingAllowed = { ...ctx, engine: { ...ctx.engine, httpAllowedHosts: [] } };
    const none = await runAction(httpRequest, { url: `${server.origin}/refused` }, { ctx: nothingAllowed });
    expect(none).toMatchObject({ status: "failed", error: { code: "HOST_NOT_ALLOWED" } });
    expect(server.requests.length).toBe(before);
  });

  it("fails with HTTP_<status> on 4xx and 5xx, and does not follow a redirect", async () => {
    server.statuses("/missing", [404]);
    expect(await send({ url: `${server.origin}/missing` })).toEqual({
      status: "failed",
      error: { type: "HttpError", code: "HTTP_404", message: `GET ${server.origin}/missing answered 404 Not Found` },
    });
    server.route("/moved", (_request, response) => response.writeHead(302, { location: "/target" }).end());
    const moved = await send({ url: `${server.origin}/moved` });
    expect(moved).toMatchObject({ status: "failed", error: { type: "HttpError", code: "HTTP_302" } });
    expect(server.hits("/target")).toEqual([]);
  });

  it("fails with NETWORK_ERROR when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = { ...ctx, engine: { ...ctx.engine, httpAllowedHosts: [`127.0.0.1:${port}`] } };
    const result = await runAction(httpRequest, { url: `http://127.0.0.1:${port}/` }, { ctx: offline });
    expect(result).toMatchObject({ status: "failed", error: { type: "HttpError", code: "NETWORK_ERROR" } });
    expect(result.status === "failed" && result.error.message).toMatch(/ECONNREFUSED/);
  });

  it("gives up at its timeout with TimeoutError, closing the connection", async () => {
    let gone: Promise<void> | undefined;
    server.route("/slow", (_request, _response, closed) => {
      gone = closed;
    });
    const started = Date.now();
    const result = await send({ url: `${server.origin}/slow`, timeout: "PT0.3S" });
    expect(result).toMatchObject({ status: "failed", error: { type: "TimeoutError" } });
    expect(Date.now() - started).toBeLessThan(5000);
    await gone;
  }, 10_000);

  it("stops when the step's signal aborts (the step timed out)", async () => {
    let gone: Promise<void> | undefined;
    server.route("/held", (_request, _response, closed) => {
      gone = closed;
    });
    const step = new AbortController();
    setTimeout(() => step.abort(), 200);
    const result = await send({ url: `${server.origin}/held`, timeout: "PT30S" }, { signal: step.signal });
    expect(result).toMatchObject({ status: "failed", error: { type: "TimeoutError" } });
    expect(result.status === "failed" && result.error.message).toMatch(/step's timeout/);
    await gone;
  }, 10_000);

  it("refuses a body past maxResponseBytes, streamed or declared, without reading it all", async () => {
    server.route("/exact", (_request, response) =>
      response.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(1024)),
    );
    expect(await send({ url: `${server.origin}/exact`, maxResponseBytes: 1024 })).toMatchObject({
      status: "completed",
      output: { body: "x".repeat(1024) },
    });
    let endlessGone: Promise<void> | undefined;
    server.route("/endless", (_request, response, closed) => {
      endlessGone = closed;
      response.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => response.write("y".repeat(4096)), 1);
      void closed.then(() => clearInterval(timer));
    });
    const endless = await send({ url: `${server.origin}/endless`, maxResponseBytes: 8192, timeout: "PT5S" });
    expect(endless).toMatchObject({ status: "failed", error: { type: "HttpError", code: "RESPONSE_TOO_LARGE" } });
    await endlessGone;
    // Declares more than the limit and then sends nothing: refused at the headers, not at the timeout.
    server.route("/declared", (_request, response) => {
      response.writeHead(200, { "content-type": "text/plain", "content-length": "5000" });
      response.flushHeaders();
    });
    const declared = await send({ url: `${server.origin}/declared`, maxResponseBytes: 4096, timeout: "PT5S" });
    expect(declared).toMatchObject({ status: "failed", error: { code: "RESPONSE_TOO_LARGE" } });
  }, 10_000);

  it("fails on JSON that does not parse and on text no store keeps", async () => {
    server.route("/broken", (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end("{no"),
    );
    expect(await send({ url: `${server.origin}/broken` })).toMatchObject({ error: { code: "INVALID_JSON" } });
    server.route("/nul", (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"a":"x\\u0000y"}'),
    );
    expect(await send({ url: `${server.origin}/nul` })).toMatchObject({ error: { code: "UNSTORABLE_TEXT" } });
  });
});
