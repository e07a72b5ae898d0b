import { describe, expect, it } from "vitest";
import { HttpRequestConfig } from "../../src/engine/actions/http-request-config.js";

const problems = (config: Record<string, unknown>) => {
  const parsed = HttpRequestConfig.safeParse({ url: "https://api.example.com/x", ...config });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("http.request's config", () => {
  it("defaults to a GET with a 30 s timeout and a 64 KiB response limit", () => {
    expect(HttpRequestConfig.parse({ url: "https://api.example.com/x" })).toEqual({
      method: "GET",
      url: "https://api.example.com/x",
      headers: {},
      timeout: "PT30S",
      maxResponseBytes: 65536,
    });
  });

  it("refuses headers the action owns, in any case, and a header given twice", () => {
    for (const name of ["Host", "content-length", "Idempotency-Key", "Content-Type", "Transfer-Encoding", "Connection"])
      expect(problems({ headers: { [name]: "x" } }), name).toEqual([
        `headers.${name.toLowerCase()}: ${name.toLowerCase()} is set by the action itself`,
      ]);
    expect(problems({ headers: { "X-A": "1", "x-a": "2" } })).toEqual(["headers.x-a: x-a is given twice"]);
  });

  it("refuses header names and values that could split a request, and too many headers", () => {
    expect(problems({ headers: { "X-A": "1\r\nHost: evil.test" } })[0]).toMatch(/visible ASCII/);
    expect(problems({ headers: { "X A": "1" } })[0]).toMatch(/header name/);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, "v"]));
    expect(problems({ headers: many })).toEqual(["headers: at most 20 headers"]);
  });

  it("takes only http(s) URLs without credentials", () => {
    expect(problems({ url: "ftp://files.example.com/a" })).toEqual(["url: expected an http(s) URL"]);
    expect(problems({ url: "https://api.example.com\\@evil.test/" })).toEqual(["url: expected an http(s) URL"]);
    expect(problems({ url: "https://user:pw@api.example.com/" })[0]).toMatch(/user name or password/);
  });

  it("bounds the timeout (more than zero, at most PT2M) and the response size (at most 128 KiB)", () => {
    expect(problems({ timeout: "PT2M" })).toEqual([]);
    expect(problems({ timeout: "PT2M0.001S" })[0]).toMatch(/^timeout: .*at most 120 seconds/);
    expect(problems({ timeout: "PT0S" })[0]).toMatch(/^timeout: more than zero/);
    expect(problems({ maxResponseBytes: 128 * 1024 })).toEqual([]);
    expect(problems({ maxResponseBytes: 128 * 1024 + 1 })[0]).toMatch(/^maxResponseBytes/);
    expect(problems({ maxResponseBytes: 0 })[0]).toMatch(/^maxResponseBytes/);
  });

  it("checks the body's expression, and a GET sends none", () => {
    expect(problems({ method: "POST", body: { type: "jsonata", expression: "{'a': " } })[0]).toMatch(
      /^body.expression: the jsonata expression does not parse/,
    );
    expect(problems({ body: { type: "jsonata", expression: "data" } })).toEqual(["body: a GET sends no body"]);
    expect(problems({ method: "DELETE", body: { type: "jmespath", expression: "data.id" } })).toEqual([]);
  });
});
