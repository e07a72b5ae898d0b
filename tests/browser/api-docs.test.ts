import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../support/server-process.js";

// Debian's package; Playwright's own browser download cannot work offline.
const CHROMIUM = "/usr/bin/chromium";
const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/** /docs in a real browser against the real server process: it renders, offline, from our origin alone. */
describe("the API reference page in chromium", () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `chromium is missing at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does)`,
      );
    }
    [server, browser] = await Promise.all([
      startServerProcess(),
      chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-background-networking"] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders every operation of /openapi.json, asks nothing of another origin and logs no error", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page: ${error.message}`));

    await page.goto(`${server.url}/docs`);
    expect(await page.title()).toBe("work-engine API reference");
    await expect.poll(() => page.locator(".info .title").textContent()).toContain("work-engine");
    for (const [method, path] of [
      ["get", "/api/tasks/{id}"],
      ["post", "/api/bundles"],
      ["get", "/api/health"],
      ["post", "/api/tasks/{id}/complete"],
    ]) {
      await page.locator(`.opblock-${method} .opblock-summary-path[data-path="${path}"]`).waitFor();
    }
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).flatMap((item) => Object.keys(item).filter((k) => METHODS.has(k)));
    expect(operations.length).toBeGreaterThan(40);
    expect(await page.locator(".opblock").count()).toBe(operations.length);

    // An operation opens to its parameters: the schemas render, not only the list.
    await page.locator(`.opblock-get .opblock-summary-path[data-path="/api/tasks/{id}"]`).click();
    await page.locator(".opblock.is-open .parameters tr[data-param-name='id']").waitFor();

    const paths = requested.map((url) => new URL(url).pathname);
    expect(paths).toEqual(expect.arrayContaining(["/docs", "/docs/assets/swagger-ui-bundle.js", "/openapi.json"]));
    expect(requested.filter((url) => new URL(url).origin !== server.url)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
